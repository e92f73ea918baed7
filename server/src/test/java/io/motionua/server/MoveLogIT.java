package io.motionua.server;

import static io.motionua.server.AxisProbe.awaitState;
import static io.motionua.server.AxisProbe.call;
import static io.motionua.server.AxisProbe.connect;
import static io.motionua.server.AxisProbe.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.motionua.server.axis.AxisState;
import io.motionua.server.axis.MoveLog;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per move when it ends (axis, command, target, duration, result), written on the
 * move-log thread, not on the link's or Milo's: a move that completes, one that the next call
 * aborts, and that next one.
 */
class MoveLogIT {

  @TempDir Path dir;

  @Test
  void everyMoveGetsOneLineOnTheMoveLogThreadWhenItEnds() throws Exception {
    Path file = dir.resolve("machine.yaml");
    Files.writeString(
        file,
        """
        server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1], anonymous: operator, securityNone: true }
        machine: { name: Line, motionDevice: Table }
        links:
          - { name: bus, host: 127.0.0.1, port: 0, simulated: true, timeoutMs: 500, pollMs: 20 }
        drives:
          - { name: d1, link: bus, unitId: 1 }
        motors:
          - { name: m1, drive: d1 }
        reducers:
          - { name: g, ratio: 10 }
        axes:
          - { name: A1, motor: m1, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 30, acceleration: 720 } }
        """);
    MachineConfig config = ConfigLoader.load(file).withPort(ListenPorts.choose());
    Logger logger = (Logger) LoggerFactory.getLogger(MoveLog.class);
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.list = new java.util.concurrent.CopyOnWriteArrayList<>();
    lines.start();
    logger.addAppender(lines);
    logger.setLevel(Level.INFO);
    try (MotionUa motionUa = new MotionUa(config, dir.resolve("data"))) {
      motionUa.start();
      try (UaTestClient client = connect(motionUa)) {
        NodeId axes = client.path(NodeIds.ObjectsFolder, "Line", "MotionDevices", "Table", "Axes");
        awaitState(client, axes, "A1", AxisState.Standstill);
        assertEquals(
            StatusCodes.Good, call(client, axes, "A1", "MoveAbsolute", 2.0, 0.0, 0.0, 0.0));
        until(() -> lines.list.size() == 1, () -> "the first move's line: " + text(lines));
        awaitState(client, axes, "A1", AxisState.Standstill);
        // 30 deg/s: the move to 20 runs for more than half a second when the next call comes.
        assertEquals(
            StatusCodes.Good, call(client, axes, "A1", "MoveAbsolute", 20.0, 0.0, 0.0, 0.0));
        assertEquals(
            StatusCodes.Good, call(client, axes, "A1", "MoveRelative", 1.0, 0.0, 0.0, 0.0));
        until(() -> lines.list.size() >= 3, () -> "three moves' lines: " + text(lines));
        awaitState(client, axes, "A1", AxisState.Standstill);
      }
    } finally {
      logger.detachAppender(lines);
      logger.setLevel(level);
    }
    List<String> text = text(lines);
    assertEquals(3, text.size(), "one line per move: " + text);
    assertTrue(
        text.get(0).matches("axis A1: MoveAbsolute to 2\\.0 deg completed after [0-9.]+ ms"),
        text.get(0));
    assertTrue(
        text.get(1).matches("axis A1: MoveAbsolute to 20\\.0 deg aborted by MoveRelative after .*"),
        text.get(1));
    assertTrue(
        text.get(2).matches("axis A1: MoveRelative to [0-9.]+ deg completed after [0-9.]+ ms"),
        text.get(2));
    for (ILoggingEvent event : lines.list) {
      assertEquals(Level.INFO, event.getLevel());
      assertEquals("move-log", event.getThreadName(), "written off the link and Milo threads");
    }
  }

  private static List<String> text(ListAppender<ILoggingEvent> lines) {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
