package io.motionua.drivers.modbus;

import static io.motionua.drivers.DriveSignals.POSITION_ACTUAL;
import static io.motionua.drivers.DriveSignals.STATUSWORD;
import static io.motionua.drivers.DriveSignals.TARGET_POSITION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.DeviceDiagnostics;
import io.motionua.drivers.DriverException;
import io.motionua.drivers.LinkDiagnostics;
import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.profile.DataType;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.profile.SignalSpec;
import io.motionua.drivers.sim.SimFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LinkResilienceIT {

  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void blockReadSplitsAroundAMissingRegisterAndRemembersTheHole() throws Exception {
    List<SignalSpec> signals = new ArrayList<>(DriveProfile.simulator().signals().values());
    signals.add(
        new SignalSpec(
            "vendorExtra", RegisterTable.HOLDING_REGISTER, 30, DataType.UINT16, 1, 0, false));
    DriveProfile profile = new DriveProfile("sim-plus-missing", signals, 125, 123);
    try (Loopback loop =
        Loopback.start(Loopback.Settings.defaults(1).withProfile(profile), "axis1")) {
      assertEquals(
          SignalStatus.BAD_CONFIGURATION_ERROR,
          loop.listener.value("axis1", "vendorExtra").status());
      DeviceDiagnostics device = loop.link.deviceDiagnostics().get("axis1");
      assertEquals(Set.of("vendorExtra"), device.holes());
      long exceptions = loop.link.diagnostics().exceptions().get(2);
      int polls = loop.listener.polls("axis1");
      long requests = loop.link.diagnostics().requests();
      Await.until(WAIT, () -> loop.listener.polls("axis1") >= polls + 10, () -> "10 polls");
      assertEquals(exceptions, loop.link.diagnostics().exceptions().get(2), "hole remembered");
      assertTrue(loop.listener.value("axis1", STATUSWORD).status().isGood());
      // Without the hole, 0..27 is one request again.
      double perPoll = (loop.link.diagnostics().requests() - requests) / 10.0;
      assertTrue(perPoll <= 1.1, "requests per poll " + perPoll);
    }
  }

  @Test
  void deadDriveIsDemotedSoTheOthersKeepTheirPollRate() throws Exception {
    Loopback.Settings settings =
        Loopback.Settings.defaults(3)
            .withTimeout(Duration.ofMillis(50), 1)
            .withDemotion(2, Duration.ofSeconds(2));
    try (Loopback loop = Loopback.start(settings, "axis3")) {
      // Two-second windows: a shared, loaded machine makes shorter ones noisy.
      double before = pollRate(loop, "axis1", Duration.ofMillis(2000));
      loop.simulator.setResponding(3, false);
      Await.until(
          WAIT,
          () -> loop.link.deviceDiagnostics().get("axis3").demoted(),
          () -> "axis3 demoted: " + loop.link.deviceDiagnostics());
      double during1 = pollRate(loop, "axis1", Duration.ofMillis(2000));
      double during2 = pollRate(loop, "axis2", Duration.ofMillis(1000));
      System.out.printf(
          "Demotion: axis1 %.1f polls/s before, %.1f/s and axis2 %.1f/s with axis3 dead%n",
          before, during1, during2);
      assertTrue(during1 >= 0.8 * before, "axis1 %.1f/s, before %.1f/s".formatted(during1, before));
      assertTrue(during2 >= 0.8 * before, "axis2 %.1f/s, before %.1f/s".formatted(during2, before));
      assertEquals(
          SignalStatus.BAD_NO_COMMUNICATION,
          loop.listener.value("axis3", POSITION_ACTUAL).status());
      // The dead device's own counters say what happened to it, and name it in the last error.
      LinkDiagnostics dead = loop.link.deviceDiagnostics().get("axis3").traffic();
      LinkDiagnostics alive = loop.link.deviceDiagnostics().get("axis1").traffic();
      assertTrue(dead.timeouts() >= 2 && dead.timeouts() > alive.timeouts(), dead + " " + alive);
      assertTrue(dead.lastError().contains("axis3"), dead.lastError());
      assertTrue(dead.lastErrorTime() != null, dead.toString());

      loop.simulator.setResponding(3, true);
      Await.until(
          WAIT,
          () -> loop.listener.value("axis3", POSITION_ACTUAL).status().isGood(),
          () -> "axis3 back after its demotion time");
      assertEquals(1, loop.link.deviceDiagnostics().get("axis3").demotions());
      assertTrue(!loop.link.deviceDiagnostics().get("axis3").demoted());
    }
  }

  @Test
  void aValueTurnsUncertainAtTheFirstMissedAnswerNotAfterThePollsRetries() throws Exception {
    Loopback.Settings settings =
        Loopback.Settings.defaults(2).withTimeout(Duration.ofMillis(100), 3);
    try (Loopback loop = Loopback.start(settings, "axis2")) {
      java.time.Instant silenced = java.time.Instant.now();
      long silencedAt = System.nanoTime();
      loop.simulator.setResponding(2, false);
      Await.until(
          WAIT,
          () ->
              loop.listener.value("axis2", POSITION_ACTUAL).status()
                  == SignalStatus.UNCERTAIN_LAST_USABLE,
          () -> "uncertain, history " + loop.listener.history());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silencedAt);
      System.out.println("LinkResilienceIT: Uncertain " + ms + " ms after the drive went silent");
      // One poll period (20 ms) and one timeout (100 ms), plus slack for a loaded machine; after
      // the retries it would be 4 x 100 ms at least.
      assertTrue(ms < 20 + 100 + 230, "uncertain after " + ms + " ms");
      var uncertain = loop.listener.value("axis2", POSITION_ACTUAL);
      assertTrue(
          !uncertain.sourceTime().isAfter(silenced),
          "the source timestamp of the last good read is kept: " + uncertain);
      Await.until(
          WAIT,
          () ->
              loop.listener.value("axis2", POSITION_ACTUAL).status()
                  == SignalStatus.BAD_NO_COMMUNICATION,
          () -> "bad after the stale time, history " + loop.listener.history());
      assertTrue(loop.listener.value("axis1", POSITION_ACTUAL).status().isGood());
    }
  }

  @Test
  void lateRepliesAreDiscardedAndNeverTakenForTheNextRequest() throws Exception {
    try (Loopback loop = Loopback.start(Loopback.Settings.defaults(2), "axis2")) {
      loop.simulator.setFault(2, SimFault.slowReply(Duration.ofMillis(150)));
      Await.until(
          WAIT,
          () -> loop.link.diagnostics().timeouts() >= 3,
          () -> "timeouts " + loop.link.diagnostics());
      loop.simulator.setFault(2, SimFault.none());
      loop.simulator.drive(1).writeRegisters(0, new int[] {6});
      Await.until(
          WAIT,
          () ->
              loop.listener.value("axis2", POSITION_ACTUAL).status().isGood()
                  && (loop.listener.value("axis1", STATUSWORD).asLong() & 0x6F) == 0x21,
          () -> "both good again");
      // axis2 never left switch on disabled: a late reply meant for axis1's poll would show.
      assertEquals(0x40, loop.listener.value("axis2", STATUSWORD).asLong() & 0x6F);
      assertTrue(loop.link.isConnected());
    }
  }

  @Test
  void aReplyFromAnotherUnitIsRefusedAndCountedAsAFramingError() throws Exception {
    try (Loopback loop = Loopback.start(Loopback.Settings.defaults(2), "axis2")) {
      loop.simulator.setFault(2, SimFault.corruptReply());
      Await.until(
          WAIT,
          () ->
              loop.listener.history().contains(SignalStatus.UNCERTAIN_LAST_USABLE)
                  && loop.link.errorCounts().framingErrors() >= 2,
          () ->
              "uncertain after replies from the wrong unit, history "
                  + loop.listener.history()
                  + ", "
                  + loop.link.errorCounts());
      assertTrue(loop.listener.value("axis1", POSITION_ACTUAL).status().isGood());
      loop.simulator.setFault(2, SimFault.none());
      Await.until(
          WAIT,
          () -> loop.listener.value("axis2", POSITION_ACTUAL).status().isGood(),
          () -> "good again, " + loop.link.diagnostics());
      assertTrue(loop.link.isConnected());
    }
  }

  @Test
  void exceptionRepliesGiveTheMappedStatusAndKeepTheValue() throws Exception {
    try (Loopback loop = Loopback.start(Loopback.Settings.defaults(1), "axis1")) {
      loop.simulator.setFault(1, SimFault.exception(4));
      Await.until(
          WAIT,
          () ->
              loop.listener.value("axis1", POSITION_ACTUAL).status()
                  == SignalStatus.BAD_DEVICE_FAILURE,
          () -> "device failure, history " + loop.listener.history());
      assertEquals(0L, loop.listener.value("axis1", POSITION_ACTUAL).value());
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  loop.link
                      .write("axis1", Map.of(TARGET_POSITION, 1), Duration.ofSeconds(1))
                      .get(2, TimeUnit.SECONDS));
      DriverException cause = assertInstanceOf(DriverException.class, e.getCause());
      assertEquals(SignalStatus.BAD_DEVICE_FAILURE, cause.status());
      assertTrue(cause.getMessage().contains("exception 04"), cause.getMessage());
      assertTrue(loop.link.diagnostics().exceptions().get(4) >= 2);
    }
  }

  @Test
  void closedConnectionIsReopenedAndValuesComeBack() throws Exception {
    try (Loopback loop = Loopback.start(Loopback.Settings.defaults(1), "axis1")) {
      loop.simulator.setFault(1, SimFault.closeConnection());
      Await.until(
          WAIT,
          () -> loop.listener.history().contains(SignalStatus.BAD_NO_COMMUNICATION),
          () -> "bad after the connection closed, history " + loop.listener.history());
      loop.simulator.setFault(1, SimFault.none());
      Await.until(
          WAIT,
          () -> loop.listener.value("axis1", POSITION_ACTUAL).status().isGood(),
          () -> "good again, " + loop.link.diagnostics());
      assertTrue(loop.link.diagnostics().reconnects() >= 1, loop.link.diagnostics().toString());
    }
  }

  /** Polls per second a device gets over a window. */
  private static double pollRate(Loopback loop, String device, Duration window)
      throws InterruptedException {
    int start = loop.listener.polls(device);
    long t0 = System.nanoTime();
    Thread.sleep(window.toMillis()); // measuring a rate needs a window, not a condition
    int polls = loop.listener.polls(device) - start;
    return polls / ((System.nanoTime() - t0) / 1e9);
  }
}
