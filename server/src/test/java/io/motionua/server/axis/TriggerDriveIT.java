package io.motionua.server.axis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.motionua.drivers.modbus.DeviceConfig;
import io.motionua.drivers.modbus.ModbusRtuLink;
import io.motionua.drivers.modbus.SerialSettings;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.ProfileLoader;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.LimitsSpec;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An axis on a drive that does not speak CiA 402: a Python emulation on pymodbus (an independent
 * peer) of the trigger-scheme drive in src/test/resources/profiles/trigger-test-drive.yaml, over
 * Modbus RTU on a socat pty pair. Power, MoveAbsolute, Halt, a drive alarm and Reset go through the
 * same AxisController and state machine as on a CiA 402 drive.
 */
class TriggerDriveIT {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final double INCREMENTS_PER_MM = 100;

  @TempDir Path tmp;

  @Test
  void axisRunsPowerMoveHaltAlarmAndResetOnATriggerSchemeDrive() throws Exception {
    assumeTrue(new File("/usr/bin/socat").canExecute(), "socat not installed");
    Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import pymodbus").start();
    assumeTrue(
        probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0, "pymodbus not installed");
    DriveProfile profile =
        ProfileLoader.load(Path.of("src/test/resources/profiles/trigger-test-drive.yaml"));
    Path line = tmp.resolve("line");
    Path master = tmp.resolve("master");
    Process socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + line, "pty,raw,echo=0,link=" + master)
            .start();
    Process drive = null;
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> named(r));
    try {
      until(WAIT, () -> Files.exists(line) && Files.exists(master), () -> "pty pair");
      drive =
          new ProcessBuilder(
                  "/usr/bin/python3", "src/test/python/trigger_drive.py", line.toString(), "1")
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("drive.log").toFile())
              .start();
      SerialSettings serial =
          new SerialSettings(master.toString(), 115200, 8, SerialSettings.Parity.NONE, 1);
      try (ModbusRtuLink link =
          ModbusRtuLink.serial(
              "rs485",
              serial,
              Duration.ofMillis(200),
              1,
              Duration.ofMillis(500),
              List.of(new DeviceConfig("x1", 1, profile, Duration.ofMillis(20))))) {
        AxisController axis =
            new AxisController(
                new AxisSpec(
                    "X",
                    "m",
                    "r",
                    "linear",
                    new LimitsSpec(-100.0, 100.0, 20.0, 200.0, 200.0),
                    false,
                    5.0),
                "x1",
                link,
                new AxisUnits(INCREMENTS_PER_MM, "mm"),
                timers,
                profile);
        List<AxisEvent> events = new CopyOnWriteArrayList<>();
        axis.addEventListener(events::add);
        link.addListener((device, values) -> axis.onSignals(values));
        link.start();
        until(
            Duration.ofSeconds(15), // the Python drive takes a while to start
            () -> axis.snapshot().isOnline(),
            () -> "drive answers: " + link.diagnostics());
        assertEquals("trigger", axis.schemeName());
        assertEquals(AxisState.Disabled, axis.snapshot().state());

        get(axis.power(true));
        assertEquals(AxisState.Standstill, axis.snapshot().state());

        // A short move to its end: MoveCompleted, and the position is the target.
        get(axis.moveAbsolute(2, 10, 0, 0));
        until(
            WAIT,
            () -> events.stream().anyMatch(e -> e.kind() == AxisEvent.Kind.MOVE_COMPLETED),
            () -> events);
        assertEquals(AxisState.Standstill, axis.snapshot().state());
        assertEquals(2.0, axis.snapshot().position(), 1e-9);

        // A long move, halted on its way.
        long sent = System.nanoTime();
        get(axis.moveAbsolute(80, 10, 0, 0));
        long roundTrip = System.nanoTime() - sent;
        assertEquals(AxisState.DiscreteMotion, axis.snapshot().state(), "state at once");
        System.out.printf(
            "TriggerDriveIT: MoveAbsolute round trip %.1f ms (confirmed writes, RTU 115200)%n",
            roundTrip / 1e6);
        until(WAIT, () -> axis.snapshot().position() > 4, axis::snapshot);
        get(axis.halt(0));
        until(WAIT, () -> axis.snapshot().state() == AxisState.Standstill, axis::snapshot);
        double stopped = axis.snapshot().position();
        assertTrue(stopped > 4 && stopped < 80, "halted on the way: " + stopped);

        // No velocity move in this profile: refused, naming what is missing.
        ExecutionException noJog = assertThrowsExecution(() -> axis.moveVelocity(5, 0, 0));
        assertEquals(StatusCodes.Bad_NotSupported, status(noJog));

        // A drive alarm during a move: ErrorStop with the code and the profile's text.
        get(axis.moveAbsolute(-50, 10, 0, 0));
        send(drive, "alarm 0x21");
        until(WAIT, () -> axis.snapshot().state() == AxisState.ErrorStop, axis::snapshot);
        assertEquals(0x21, axis.snapshot().errorCode());
        assertEquals("position deviation too large", axis.snapshot().drive().faultText());
        // Listeners hear the event just after the snapshot is published.
        until(
            WAIT,
            () -> events.stream().anyMatch(e -> e.kind() == AxisEvent.Kind.FAULT),
            () -> events);
        AxisEvent fault =
            events.stream().filter(e -> e.kind() == AxisEvent.Kind.FAULT).findFirst().orElseThrow();
        assertTrue(fault.message().contains("position deviation too large"), fault.message());
        ExecutionException refused = assertThrowsExecution(() -> axis.moveAbsolute(0, 0, 0, 0));
        assertEquals(StatusCodes.Bad_InvalidState, status(refused));

        // Reset clears the alarm; the drive dropped its servo, so Power follows.
        get(axis.reset());
        until(WAIT, () -> axis.snapshot().state() == AxisState.Disabled, axis::snapshot);
        assertTrue(!axis.snapshot().drive().fault());
        get(axis.power(true));
        get(axis.moveAbsolute(0, 20, 0, 0));
        until(WAIT, () -> axis.snapshot().state() == AxisState.Standstill, axis::snapshot);
        assertEquals(0.0, axis.snapshot().position(), 1e-9);
      }
    } finally {
      timers.shutdownNow();
      if (drive != null) {
        drive.destroyForcibly();
      }
      socat.destroy();
      socat.waitFor(2, TimeUnit.SECONDS);
    }
  }

  private static Thread named(Runnable r) {
    Thread t = new Thread(r, "trigger-it-timers");
    t.setDaemon(true);
    return t;
  }

  private static void get(CompletableFuture<Void> future) throws Exception {
    future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static ExecutionException assertThrowsExecution(Supplier<CompletableFuture<Void>> call) {
    try {
      call.get().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a refusal, got " + e, e);
    }
    throw new AssertionError("expected a refusal, the call succeeded");
  }

  private static long status(ExecutionException e) {
    assertTrue(e.getCause() instanceof UaException, "cause: " + e.getCause());
    return ((UaException) e.getCause()).getStatusCode().getValue();
  }

  private static void send(Process process, String command) throws Exception {
    OutputStream in = process.getOutputStream();
    in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Waits for a condition with a bound, checking every millisecond. */
  private static void until(Duration bound, BooleanSupplier condition, Supplier<?> what) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + bound.toMillis() + " ms: " + what.get());
      }
      LockSupport.parkNanos(1_000_000);
    }
  }
}
