package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every command block of README.md and docs/*.md marked {@code sh runnable}, so that the
 * documented commands keep working. Each block is one bash script ({@code set -e}) in a scratch
 * directory that has {@code examples/} beside it, with {@code motionua} running this build's jar
 * and {@code MOTIONUA_URL} pointing at a demo server started for the test.
 */
class RunnableDocsIT {

  private static final String FENCE = "```sh runnable";
  private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(180);

  private static Path dataDir;
  private static ServeProcess serve;

  record Block(Path file, int line, String script) {
    String where() {
      return file.getFileName() + ":" + line;
    }
  }

  @BeforeAll
  static void startDemo() throws Exception {
    dataDir = Files.createTempDirectory("motionua-docs-it");
    serve = ServeProcess.start(dataDir.resolve("server"), "--log-dir", "none");
    // The docs call MoveAbsolute on J1: wait until the demo has powered it.
    serve.awaitDemoJ1Standstill();
  }

  @AfterAll
  static void stopDemo() {
    if (serve != null) {
      serve.close();
    }
  }

  static List<Block> runnableBlocks(Path repo) throws IOException {
    List<Path> files = new ArrayList<>(List.of(repo.resolve("README.md")));
    try (Stream<Path> docs = Files.list(repo.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Block> blocks = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).strip().equals(FENCE)) {
          continue;
        }
        StringBuilder script = new StringBuilder();
        int start = i + 1;
        for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
          script.append(lines.get(i)).append('\n');
        }
        blocks.add(new Block(file, start, script.toString()));
      }
    }
    return blocks;
  }

  @Test
  void everyRunnableBlockOfTheDocsExitsZero() throws Exception {
    Path repo = ItSupport.moduleDir().getParent();
    List<Block> blocks = runnableBlocks(repo);
    assertTrue(blocks.size() >= 2, "runnable blocks found: " + blocks);
    for (Block block : blocks) {
      Path scratch = Files.createTempDirectory(dataDir, "block");
      Files.createSymbolicLink(scratch.resolve("examples"), repo.resolve("examples"));
      String prelude =
          "set -euo pipefail\n"
              + "export MOTIONUA_URL='"
              + serve.url
              + "'\n"
              + "motionua() { '"
              + ItSupport.java()
              + "' -jar '"
              + ItSupport.motionuaJar()
              + "' \"$@\"; }\n";
      ItSupport.Result result =
          ItSupport.run(List.of("bash", "-c", prelude + block.script()), scratch, BLOCK_TIMEOUT);
      assertEquals(0, result.exitCode(), block.where() + ": " + result.describe());
    }
  }
}
