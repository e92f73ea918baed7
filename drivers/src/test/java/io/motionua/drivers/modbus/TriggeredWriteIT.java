package io.motionua.drivers.modbus;

import static io.motionua.drivers.DriveSignals.MODES_OF_OPERATION;
import static io.motionua.drivers.DriveSignals.POSITION_ACTUAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.motionua.drivers.WriteTrigger;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.SimulatedDrive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes on two links held by one {@link WriteTrigger} until both links are ready. */
class TriggeredWriteIT {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** Modes of operation in the simulator's map (docs/drive-registers.md), one register. */
  private static final int MODE_REGISTER = 2;

  private DriveSimulator simulator;
  private ModbusTcpLink a;
  private ModbusTcpLink b;

  @BeforeEach
  void start() throws Exception {
    simulator =
        DriveSimulator.start(
            "127.0.0.1", 0, Map.of(1, new SimulatedDrive(), 2, new SimulatedDrive()));
    a = link("a", "axis1", 1);
    b = link("b", "axis2", 2);
  }

  private ModbusTcpLink link(String name, String device, int unit) {
    RecordingListener listener = new RecordingListener(device, POSITION_ACTUAL);
    ModbusTcpLink link =
        new ModbusTcpLink(
            new TcpLinkConfig(
                name,
                "127.0.0.1",
                simulator.port(),
                Duration.ofSeconds(2), // generous: a loaded machine may answer late
                0,
                Duration.ofSeconds(5),
                List.of(
                    new DeviceConfig(
                        device,
                        unit,
                        DriveProfile.simulator(),
                        Duration.ofMillis(20),
                        3,
                        Duration.ofMillis(500)))));
    link.addListener(listener);
    link.start();
    Await.until(
        WAIT,
        () -> listener.value(device, POSITION_ACTUAL).status().isGood(),
        () -> "first good poll on " + name);
    return link;
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    simulator.close();
  }

  private int mode(int unit) throws Exception {
    return simulator.drive(unit).readRegisters(MODE_REGISTER, 1)[0];
  }

  @Test
  void aHeldWriteGoesOutOnlyOnceTheOtherLinkIsReadyToo() throws Exception {
    int before = mode(1);
    assertNotEquals(3, before);
    WriteTrigger trigger = new WriteTrigger(2, Duration.ofSeconds(10));
    CompletableFuture<Void> first =
        a.write("axis1", Map.of(MODES_OF_OPERATION, 3), Duration.ofSeconds(15), trigger);
    // Link a took the write and holds it, armed, until link b is ready too.
    Await.until(WAIT, () -> trigger.counted() == 1, () -> "link a armed the trigger");
    assertFalse(first.isDone(), "the write on link a went out before link b was ready");
    assertEquals(before, mode(1), "the simulator got link a's write before link b was ready");
    CompletableFuture<Void> second =
        b.write("axis2", Map.of(MODES_OF_OPERATION, 3), Duration.ofSeconds(15), trigger);
    CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
    assertEquals(3, mode(1));
    assertEquals(3, mode(2));
  }

  @Test
  void aHeldWriteGoesOutAfterTheBoundWhenTheOtherNeverComes() throws Exception {
    WriteTrigger trigger = new WriteTrigger(2, Duration.ofMillis(400));
    long t0 = System.nanoTime();
    a.write("axis1", Map.of(MODES_OF_OPERATION, 3), Duration.ofSeconds(5), trigger)
        .get(5, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(3, mode(1));
    assertFalse(ms < 400, "sent after " + ms + " ms, before the trigger's 400 ms bound");
  }
}
