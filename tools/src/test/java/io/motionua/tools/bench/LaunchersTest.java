package io.motionua.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both launchers give a serve exactly the JIT options the benchmarks start the server with ({@link
 * ServeJvmOptions#JIT}), so that a benchmark measures the start an installation gets.
 */
class LaunchersTest {

  /** The launcher's {@code jit=...} assignment: the options inside its parentheses or quotes. */
  private static final Pattern JIT_LINE = Pattern.compile("(?m)^\\s*jit=[(\"]([^)\"]+)[)\"]$");

  @ParameterizedTest
  @ValueSource(strings = {"../bin/motionua", "src/dist/bin/motionua"})
  void launcherGivesServeTheBenchmarksJitOptions(String launcher) throws IOException {
    String script = Files.readString(Path.of(launcher));
    Matcher m = JIT_LINE.matcher(script);
    List<String> found = m.find() ? List.of(m.group(1).trim().split("\\s+")) : List.of();
    assertEquals(ServeJvmOptions.JIT, found, launcher + ": the jit=... line");
  }
}
