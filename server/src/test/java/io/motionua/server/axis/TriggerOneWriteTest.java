package io.motionua.server.axis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.SignalListener;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trigger drive whose move registers follow on: the move is one write of values and trigger in
 * address order, nothing read; until a poll shows the start, a poll from before it does not count
 * as standing. Against a small hand-written link that records writes and acknowledges them at once.
 */
class TriggerOneWriteTest {

  private static final String PROFILE =
      """
      name: block
      signals:
        driveStatus:      {address: 40001, type: uint16}
        positionActual:   {address: 40003, type: int32}
        moveVelocity:     {address: 40005, type: uint32, access: rw}
        targetPosition:   {address: 40007, type: int32, access: rw}
        command:          {address: 40009, type: uint16, access: rw}
        servoOn:          {address: 40010, type: uint16, access: rw}
      motion:
        scheme: trigger
        enable:  {signal: servoOn, value: 1}
        disable: {signal: servoOn, value: 0}
        move:
          target: targetPosition
          velocity: moveVelocity
          trigger: {signal: command, value: 1}
        halt:  {signal: command, value: 2}
        reset: {signal: command, value: 3}
        status:
          enabled:    {signal: driveStatus, bit: 0}
          inPosition: {signal: driveStatus, bit: 1}
          moving:     {signal: driveStatus, bit: 2}
          alarm:      {signal: driveStatus, bit: 3}
      """;

  @TempDir Path dir;

  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void theMoveIsOneWriteInAddressOrderAndAPollBeforeTheStartIsNotStanding() throws Exception {
    Files.writeString(dir.resolve("block.yaml"), PROFILE);
    DriveProfile profile = ProfileLoader.load(dir.resolve("block.yaml"));
    RecordingLink link = new RecordingLink();
    TriggerScheme scheme =
        new TriggerScheme(
            new DriveChannel("X", "d1", link, timers), profile.motion().orElseThrow(), profile);
    assertTrue(scheme.movesInOneWrite());

    scheme.moveAbsolute(5000, 100, 0, 0).get(5, TimeUnit.SECONDS);
    assertEquals(1, link.writes.size(), "one write: " + link.writes);
    assertEquals(
        List.of("moveVelocity", "targetPosition", "command"),
        List.copyOf(link.writes.get(0).keySet()),
        "address order");
    assertEquals(1L, link.writes.get(0).get("command"));
    assertEquals(0, link.reads, "nothing read back without confirmWrites");

    assertFalse(
        scheme.decode(poll(0b011, 0)).standing(), "in position at 0: from before the start");
    assertFalse(scheme.decode(poll(0b101, 200)).standing(), "moving");
    assertTrue(scheme.decode(poll(0b011, 0)).standing(), "after the start, standing is standing");

    scheme.moveAbsolute(0, 100, 0, 0).get(5, TimeUnit.SECONDS);
    assertTrue(scheme.decode(poll(0b011, 0)).standing(), "already at the target: taken");
  }

  private static Map<String, SignalValue> poll(int status, long position) {
    Instant now = Instant.now();
    return Map.of(
        "driveStatus", new SignalValue((long) status, SignalStatus.GOOD, now),
        "positionActual", new SignalValue(position, SignalStatus.GOOD, now));
  }

  /** Records writes and acknowledges them at once; counts reads. */
  private static final class RecordingLink implements io.motionua.drivers.Link {
    final List<Map<String, ?>> writes = new ArrayList<>();
    int reads;

    @Override
    public String name() {
      return "test";
    }

    @Override
    public void start() {}

    @Override
    public void addListener(SignalListener listener) {}

    @Override
    public CompletableFuture<Void> write(String device, Map<String, ?> values, Duration deadline) {
      writes.add(values);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Map<String, SignalValue>> read(
        String device, Iterable<String> signals, Duration deadline) {
      reads++;
      return CompletableFuture.failedFuture(new IllegalStateException("no reads here"));
    }

    @Override
    public LinkDiagnostics diagnostics() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isConnected() {
      return true;
    }

    @Override
    public void close() {}
  }
}
