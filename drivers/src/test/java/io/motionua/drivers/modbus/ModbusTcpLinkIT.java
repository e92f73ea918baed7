package io.motionua.drivers.modbus;

import static io.motionua.drivers.DriveSignals.CONTROLWORD;
import static io.motionua.drivers.DriveSignals.MODES_OF_OPERATION;
import static io.motionua.drivers.DriveSignals.POSITION_ACTUAL;
import static io.motionua.drivers.DriveSignals.PROFILE_ACCELERATION;
import static io.motionua.drivers.DriveSignals.PROFILE_DECELERATION;
import static io.motionua.drivers.DriveSignals.PROFILE_VELOCITY;
import static io.motionua.drivers.DriveSignals.STATUSWORD;
import static io.motionua.drivers.DriveSignals.TARGET_POSITION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.DriverException;
import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.SimulatedDrive;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModbusTcpLinkIT {

  private static final Duration TIMEOUT = Duration.ofMillis(100);
  private static final Duration STALE_AFTER = Duration.ofMillis(400);
  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration DEMOTION = Duration.ofMillis(500);

  private DriveSimulator simulator;
  private ModbusTcpLink link;
  private final RecordingListener listener = new RecordingListener("axis2", POSITION_ACTUAL);

  @BeforeEach
  void startSimulatorAndLink() throws Exception {
    simulator =
        DriveSimulator.start(
            "127.0.0.1", 0, Map.of(1, new SimulatedDrive(), 2, new SimulatedDrive()));
    DriveProfile profile = DriveProfile.simulator();
    link =
        new ModbusTcpLink(
            new TcpLinkConfig(
                "gantry",
                "127.0.0.1",
                simulator.port(),
                TIMEOUT,
                1,
                STALE_AFTER,
                List.of(
                    new DeviceConfig("axis1", 1, profile, POLL, 3, DEMOTION),
                    new DeviceConfig("axis2", 2, profile, POLL, 3, DEMOTION))));
    link.addListener(listener);
    link.start();
    Await.until(
        WAIT,
        () -> listener.value("axis2", POSITION_ACTUAL).status().isGood(),
        () -> "first good poll, diagnostics " + link.diagnostics());
  }

  @AfterEach
  void stop() {
    link.close();
    simulator.close();
  }

  @Test
  void powersUpThroughTheControlwordMovesAndReadsBackThePosition() throws Exception {
    for (int cw : new int[] {0x06, 0x07, 0x0F}) {
      write("axis1", Map.of(CONTROLWORD, cw));
    }
    Await.until(
        WAIT,
        () -> (listener.value("axis1", STATUSWORD).asLong() & 0x6F) == 0x27,
        () -> "operation enabled, statusword " + listener.value("axis1", STATUSWORD));
    Map<String, Object> move = new LinkedHashMap<>();
    move.put(MODES_OF_OPERATION, 1);
    move.put(TARGET_POSITION, 40_000);
    move.put(PROFILE_VELOCITY, 100_000);
    move.put(PROFILE_ACCELERATION, 400_000);
    move.put(PROFILE_DECELERATION, 400_000);
    move.put(CONTROLWORD, 0x1F);
    int pollsBefore = listener.polls("axis1") + listener.polls("axis2");
    long requestsBefore = link.diagnostics().requests();
    write("axis1", move);
    long requests = link.diagnostics().requests() - requestsBefore;
    int polls = listener.polls("axis1") + listener.polls("axis2") - pollsBefore;
    // Mode (2), then the motion block 4..11 in one FC16, then the controlword: 3 requests; every
    // poll that ran meanwhile (one request each, more on a loaded machine) comes on top, and one
    // more may be in flight.
    assertTrue(requests <= 3 + polls + 1, requests + " requests beside " + polls + " polls");
    Await.until(
        WAIT,
        () -> listener.value("axis1", POSITION_ACTUAL).asLong() == 40_000,
        () -> "position 40000, is " + listener.value("axis1", POSITION_ACTUAL));
    assertEquals(40_000, simulator.drive(1).positionActual());
    assertEquals(0, simulator.drive(2).positionActual(), "the other drive stays put");
    long finish = simulator.drive(1).lastMoveFinishNanos();
    long start = simulator.drive(1).lastMoveStartNanos();
    // 0.25 s ramps each way (12500 increments each) and 0.15 s at 100000 inc/s.
    assertEquals(650_000_000L, finish - start, 1_000);
  }

  @Test
  void silentDriveGoesUncertainThenBadAndGoodAgainWhileItsNeighbourStaysGood() {
    long silencedAt = System.nanoTime();
    simulator.setResponding(2, false);
    Await.until(
        WAIT,
        () -> listener.history().contains(SignalStatus.BAD_NO_COMMUNICATION),
        () -> "bad, history " + listener.history());
    long badAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silencedAt);
    assertEquals(
        List.of(
            SignalStatus.GOOD,
            SignalStatus.UNCERTAIN_LAST_USABLE,
            SignalStatus.BAD_NO_COMMUNICATION),
        listener.history());
    // Stale after 400 ms, noticed at the next failed poll: two timeouts (one retry) later at most.
    // (plus slack for a loaded machine)
    assertTrue(badAfterMillis < 400 + 2 * 100 + 2 * 20 + 300, "bad after " + badAfterMillis);
    assertTrue(listener.value("axis1", POSITION_ACTUAL).status().isGood());
    assertEquals(
        0L, listener.value("axis2", POSITION_ACTUAL).value(), "the last value is kept while Bad");

    simulator.setResponding(2, true);
    Await.until(
        WAIT,
        () -> listener.value("axis2", POSITION_ACTUAL).status().isGood(),
        () -> "good again, history " + listener.history());
    LinkDiagnostics diagnostics = link.diagnostics();
    assertTrue(diagnostics.timeouts() >= 2, "timeouts counted: " + diagnostics);
    assertTrue(diagnostics.lastError().contains("axis2"), diagnostics.lastError());
  }

  @Test
  void writeToASilentDriveFailsWithinItsDeadlineAndIsNotAppliedWhenItAnswersAgain()
      throws Exception {
    simulator.setResponding(2, false);
    long start = System.nanoTime();
    CompletableFuture<Void> write =
        link.write("axis2", Map.of(TARGET_POSITION, 12_345), Duration.ofMillis(300));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> write.get(2, TimeUnit.SECONDS));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    DriverException cause = assertInstanceOf(DriverException.class, e.getCause());
    assertEquals(SignalStatus.BAD_TIMEOUT, cause.status());
    assertTrue(cause.getMessage().contains("axis2"), cause.getMessage());
    // Queued behind at most one poll's timeouts, then its own 100 ms timeout, within 300 ms.
    assertTrue(tookMillis <= 300 + 150, "took " + tookMillis + " ms"); // slack: loaded CI

    simulator.setResponding(2, true);
    int polls = listener.polls("axis2");
    Await.until(
        WAIT,
        () ->
            listener.polls("axis2") > polls + 5
                && listener.value("axis2", POSITION_ACTUAL).status().isGood(),
        () -> "good polls again");
    assertEquals(0, listener.value("axis2", TARGET_POSITION).asLong());
    assertNotEquals(12_345, readInt32(simulator.drive(2), 4));
  }

  @Test
  void exceptionResponsesFailWritesWithTheMappedStatusAndAreCounted() {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                link.write("axis1", Map.of(MODES_OF_OPERATION, 5), Duration.ofSeconds(1))
                    .get(2, TimeUnit.SECONDS));
    DriverException cause = assertInstanceOf(DriverException.class, e.getCause());
    assertEquals(SignalStatus.BAD_OUT_OF_RANGE, cause.status());
    assertTrue(cause.getMessage().contains("exception 03"), cause.getMessage());
    assertEquals(1L, link.diagnostics().exceptions().get(3));
  }

  @Test
  void readAnswersAheadOfPollsWithFreshValues() throws Exception {
    var values =
        link.read("axis1", List.of(STATUSWORD, POSITION_ACTUAL), Duration.ofSeconds(1))
            .get(2, TimeUnit.SECONDS);
    assertEquals(SignalStatus.GOOD, values.get(STATUSWORD).status());
    assertEquals(0x0240, values.get(STATUSWORD).asLong() & 0x0240);
  }

  @Test
  void unknownSignalFailsAtOnceWithAConfigurationError() {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                link.write("axis1", Map.of("nonsense", 1), Duration.ofSeconds(1))
                    .get(1, TimeUnit.SECONDS));
    DriverException cause = assertInstanceOf(DriverException.class, e.getCause());
    assertEquals(SignalStatus.BAD_CONFIGURATION_ERROR, cause.status());
  }

  @Test
  void countersCountRequestsResponsesAndRoundTrips() {
    int polls = listener.polls("axis1");
    Await.until(WAIT, () -> listener.polls("axis1") >= polls + 10, () -> "10 more polls");
    LinkDiagnostics d = link.diagnostics();
    assertTrue(d.connected());
    assertTrue(d.requests() >= 20, d.toString());
    // One may be in flight; on a loaded machine a stall past the 100 ms timeout is possible, and
    // then it is counted as a timeout instead of a response.
    assertTrue(d.responses() + d.timeouts() >= d.requests() - 1, d.toString());
    assertTrue(
        d.meanRoundTripMicros() > 0 && d.p99RoundTripMicros() >= d.meanRoundTripMicros() / 10);
    assertTrue(d.timeouts() * 10 < d.requests(), "a healthy link rarely times out: " + d);
    // Each device counts its own traffic; together they make up the link's.
    LinkDiagnostics axis1 = link.deviceDiagnostics().get("axis1").traffic();
    LinkDiagnostics axis2 = link.deviceDiagnostics().get("axis2").traffic();
    assertTrue(axis1.requests() >= 10 && axis2.requests() >= 10, axis1 + " " + axis2);
    long sum = axis1.requests() + axis2.requests();
    assertTrue(Math.abs(link.diagnostics().requests() - sum) <= 2, sum + " vs " + d);
    assertTrue(axis1.meanRoundTripMicros() > 0, axis1.toString());
  }

  @Test
  void closeStopsTheLinkThreadWithinTwoSeconds() {
    long start = System.nanoTime();
    link.close();
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000);
    boolean alive =
        Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("modbus-link-gantry"));
    assertTrue(!alive, "modbus-link-gantry still running");
    assertTrue(!link.isConnected());
  }

  private void write(String device, Map<String, ?> values) throws Exception {
    link.write(device, values, Duration.ofSeconds(1)).get(2, TimeUnit.SECONDS);
  }

  private static int readInt32(SimulatedDrive drive, int address) throws Exception {
    int[] words = drive.readRegisters(address, 2);
    return (words[0] << 16) | words[1];
  }
}
