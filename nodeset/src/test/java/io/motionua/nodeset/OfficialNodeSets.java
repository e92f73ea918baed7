package io.motionua.nodeset;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the official NodeSet2 files and the schema live: ../shared/nodesets from the project. */
final class OfficialNodeSets {

  static final Path DIR = locate();

  private OfficialNodeSets() {}

  private static Path locate() {
    String configured = System.getProperty("motionua.nodesets");
    if (configured != null) {
      return Path.of(configured);
    }
    // Tests run in the module directory (nodeset/); the project root is its parent.
    for (Path p : new Path[] {Path.of("../../shared/nodesets"), Path.of("../shared/nodesets")}) {
      if (Files.isDirectory(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "official NodeSet2 files not found at ../shared/nodesets from the project root;"
            + " set -Dmotionua.nodesets=DIR");
  }

  static Path file(String name) {
    return DIR.resolve(name);
  }
}
