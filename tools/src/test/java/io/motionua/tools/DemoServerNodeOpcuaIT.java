package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo server as a user starts it ({@code java -jar motionua.jar serve}), checked by an
 * independent OPC UA client: node-opcua (tools/src/test/node, installed by bin/test) browses from
 * Objects to the machine, finds six axes with their power trains, reads every ActualPosition with a
 * Good status, moves one axis with MoveAbsolute and watches it arrive. Then SIGTERM must stop the
 * server within 5 seconds.
 *
 * <p>Skipped only when {@code node} is not on PATH.
 */
class DemoServerNodeOpcuaIT {
  private static final int DEMO_AXES = 6;
  private static final double TARGET = 45.0;
  private static final double VELOCITY = 90.0;
  private static final double TOLERANCE = 0.01;

  /**
   * Upper bound on a 45 degree move at 90 degree/s: the demo's J1 ramps at 360 degree/s², so the
   * trapezoid takes 0.75 s; three times that leaves room for polling and a loaded machine.
   */
  private static final long MOVE_LIMIT_MS = 2_250;

  @TempDir Path dataDir;

  @Test
  void nodeOpcuaBrowsesTheDemoArmAndMovesAnAxis() throws Exception {
    Path node = ItSupport.node();
    Path nodeDir = ItSupport.nodeDir();

    long t0 = System.nanoTime();
    try (ServeProcess serve = ServeProcess.start(dataDir)) {
      LoggedProcess server = serve.process;
      String url = serve.url;
      System.out.printf(
          "serve: endpoint logged %d ms after start%n", (System.nanoTime() - t0) / 1_000_000);

      // Browse: six axes, Good positions, each with motor, gear and drive. The endpoint line may
      // come a moment before the first poll: positions get up to 10 s to turn Good.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      List<Object> axes;
      while (true) {
        ItSupport.Result browse =
            ItSupport.run(
                List.of(node.toString(), "browse-demo.js", url), nodeDir, Duration.ofSeconds(90));
        assertEquals(0, browse.exitCode(), () -> browse.describe() + "\n" + server.describe());
        axes = MiniJson.array(browse.json().get("axes"), "axes");
        boolean allGood =
            axes.stream()
                .allMatch(a -> Boolean.TRUE.equals(MiniJson.object(a, "axis").get("good")));
        if (allGood || System.nanoTime() > deadline) {
          break;
        }
        ItSupport.sleep(500);
      }
      List<Object> found = axes;
      assertEquals(DEMO_AXES, found.size(), () -> "axes: " + found + "\n" + server.describe());
      for (Object a : found) {
        Map<String, Object> axis = MiniJson.object(a, "axis");
        String name = (String) axis.get("name");
        assertEquals(Boolean.TRUE, axis.get("good"), () -> name + " ActualPosition: " + axis);
        assertTrue(axis.get("position") instanceof Double, () -> name + " position: " + axis);
        assertEquals(Boolean.TRUE, axis.get("motor"), () -> name + " has no Motor: " + axis);
        assertEquals(Boolean.TRUE, axis.get("gear"), () -> name + " has no Gear: " + axis);
        assertEquals(Boolean.TRUE, axis.get("drive"), () -> name + " has no Drive: " + axis);
      }

      // Move the first axis and watch it arrive.
      String axisName = (String) MiniJson.object(found.get(0), "axis").get("name");
      assertNotNull(axisName, "first axis has no name");
      ItSupport.Result move =
          ItSupport.run(
              List.of(
                  node.toString(),
                  "move-axis.js",
                  url,
                  axisName,
                  String.valueOf(TARGET),
                  String.valueOf(VELOCITY)),
              nodeDir,
              Duration.ofSeconds(90));
      assertEquals(0, move.exitCode(), () -> move.describe() + "\n" + server.describe());
      Map<String, Object> moved = move.json();
      System.out.println("move-axis.js: " + moved);
      assertEquals("Good", moved.get("statusCode"), move::describe);
      double start = (Double) moved.get("startPosition");
      double end = (Double) moved.get("finalPosition");
      double elapsedMs = (Double) moved.get("elapsedMs");
      assertEquals(TARGET, end, TOLERANCE, move::describe);
      assertTrue(elapsedMs < MOVE_LIMIT_MS, () -> "move took " + elapsedMs + " ms: " + moved);
      // No profile covers the distance faster than at constant top speed.
      double fastestMs = Math.abs(TARGET - start) / VELOCITY * 1000.0;
      assertTrue(
          elapsedMs >= 0.8 * fastestMs,
          () -> "move took " + elapsedMs + " ms, faster than " + fastestMs + " ms at " + VELOCITY);

      // SIGTERM: clean shutdown within 5 s.
      if (!server.terminate(Duration.ofSeconds(5))) {
        fail("serve did not exit within 5 s of SIGTERM\n" + server.describe());
      }
    }
  }
}
