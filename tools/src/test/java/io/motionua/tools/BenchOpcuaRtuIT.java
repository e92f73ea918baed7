package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench opcua --calls-only --link rtu}: the demo's bus on a Modbus RTU line (socat pty
 * pair), MoveAbsolute calls against the same link's own transactions; {@code --link} refuses other
 * values and rtu without {@code --calls-only}.
 */
class BenchOpcuaRtuIT {

  @TempDir Path dir;

  @Test
  void theCommandLatencyIsMeasuredOnAnRtuLineAgainstItsOwnTransactions() {
    ItSupport.Result r =
        ItSupport.run(
            ItSupport.motionuaCommand(
                "bench",
                "opcua",
                "--calls-only",
                "--link",
                "rtu",
                "--calls",
                "10",
                "--call-warmup",
                "5",
                "--raw-requests",
                "20"),
            dir,
            Duration.ofSeconds(180));
    assertEquals(0, r.exitCode(), r::describe);
    String out = r.stdout();
    assertTrue(out.contains("Modbus RTU 115200 baud 8N1 on a socat pty pair"), r::describe);
    assertTrue(
        out.matches("(?s).*call round trip \\(returns after the ack\\) +p50 .*"), r::describe);
    assertTrue(out.matches("(?s).*call round trip / link FC03: p50 [0-9.]+, p99 .*"), r::describe);
    assertTrue(!out.contains("raw Modbus"), "no raw socket beside a pty: " + out);
  }

  @Test
  void anUnknownLinkOrRtuWithTheWholeBenchIsRefused() {
    for (String[] args :
        new String[][] {
          {"bench", "opcua", "--calls-only", "--link", "serial"},
          {"bench", "opcua", "--link", "rtu"}
        }) {
      ItSupport.Result r =
          ItSupport.run(ItSupport.motionuaCommand(args), dir, Duration.ofSeconds(60));
      assertEquals(2, r.exitCode(), r::describe);
      assertTrue(r.stderr().contains("--link tcp or rtu"), r::describe);
    }
  }
}
