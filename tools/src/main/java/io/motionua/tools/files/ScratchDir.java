package io.motionua.tools.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory a command makes for itself and removes, with all it holds, at the end. */
public final class ScratchDir {

  private ScratchDir() {}

  /** A new empty directory in the system's temporary directory, its name starting with prefix. */
  public static Path create(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  /** Removes dir and everything in it; what cannot be removed stays behind, without an error. */
  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary directory left behind
    }
  }
}
