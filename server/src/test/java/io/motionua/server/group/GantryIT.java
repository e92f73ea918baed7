package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.sim.SimFault;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * examples/gantry.yaml as it ships: group portal-x moves the twin X motors (drive-profiles,
 * coupled, each on its own link) and the pair must stay together during the whole move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GantryIT {

  /**
   * Largest difference between X1 and X2 during a move, in millimetres: 4 ms of start skew at the
   * 500 mm/s the pair moves at (measured: about 0.7 mm on a loaded two-core machine).
   */
  static final double PAIR_TOLERANCE = 2.0;

  /** X: 131072 increments per motor rev, ratio 5, 200 mm per load rev. */
  static final double INCREMENTS_PER_MM = 131072 * 5 / 200.0;

  private MotionUa gantry;

  @BeforeAll
  void start() throws Exception {
    MachineConfig config =
        ConfigLoader.load(examples().resolve("gantry.yaml")).withPort(ListenPorts.choose());
    gantry = new MotionUa(config, Files.createTempDirectory("motionua-gantry-it"));
    gantry.start();
  }

  @AfterAll
  void stop() {
    if (gantry != null) {
      gantry.close();
    }
  }

  @Test
  void twinMotorsOfTheGantryNeverDifferByMoreThanTheirToleranceDuringAMove() throws Exception {
    AxisGroup x = gantry.groups().get("portal-x");
    long deadline = System.nanoTime() + 10_000_000_000L;
    standby(x);
    SimulatedDrive x1 = gantry.simulator("x1-bus").drive(1);
    SimulatedDrive x2 = gantry.simulator("x2-bus").drive(1);
    x.moveSynchronized(new double[] {1200, 1200}, 1.0).get();
    double worst = 0;
    double farthest = 0;
    while (x.state() != GroupState.GroupStandby && System.nanoTime() < deadline + 10_000_000_000L) {
      double a = x1.positionActual() / INCREMENTS_PER_MM;
      double b = x2.positionActual() / INCREMENTS_PER_MM;
      worst = Math.max(worst, Math.abs(a - b));
      farthest = Math.max(farthest, a);
      Thread.sleep(2);
    }
    System.out.printf(
        "gantry X1/X2: largest difference %.4f mm (tolerance %.1f mm)%n", worst, PAIR_TOLERANCE);
    assertEquals(GroupState.GroupStandby, x.state());
    assertEquals(1200, x1.positionActual() / INCREMENTS_PER_MM, 0.001);
    assertEquals(1200, x2.positionActual() / INCREMENTS_PER_MM, 0.001);
    assertTrue(farthest > 1199, "the pair did not travel");
    assertTrue(worst <= PAIR_TOLERANCE, "X1 and X2 differed by " + worst + " mm");
  }

  /**
   * X2's drive sits behind a busy gateway: every request, its start too, reaches it 30 ms late.
   * Each drive follows its own profile, so neither reports a following error; only the pair watch
   * sees the gantry rack, names X2 and stops both.
   */
  @Test
  void aTwinThatFallsBehindStopsThePairAndIsNamed() throws Exception {
    AxisGroup x = gantry.groups().get("portal-x");
    standby(x);
    SimulatedDrive x1 = gantry.simulator("x1-bus").drive(1);
    SimulatedDrive x2 = gantry.simulator("x2-bus").drive(1);
    double from = x1.positionActual() / INCREMENTS_PER_MM;
    double target = from < 1500 ? 2800 : 200;
    gantry.simulator("x2-bus").setFault(1, SimFault.slowRequest(Duration.ofMillis(30)));
    double atTrip;
    double trip1;
    double trip2;
    double fin1;
    double fin2;
    try {
      x.moveSynchronized(new double[] {target, target}, 1.0).get(5, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (x.state() == GroupState.GroupMoving && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      trip1 = x1.positionActual() / INCREMENTS_PER_MM;
      trip2 = x2.positionActual() / INCREMENTS_PER_MM;
      atTrip = Math.abs(trip1 - trip2);
      fin1 = settled(x1);
      fin2 = settled(x2);
    } finally {
      gantry.simulator("x2-bus").setFault(1, SimFault.none());
    }
    System.out.printf(
        "gantry with X2 30 ms late, from %.3f: X1 %.3f X2 %.3f (%.3f mm apart) when the group"
            + " reacted, X1 %.3f X2 %.3f (%.3f mm) at standstill%n",
        from, trip1, trip2, atTrip, fin1, fin2, Math.abs(fin1 - fin2));
    GroupState reacted = x.state();
    String error = x.lastError();
    // Square the pair again with a single-axis move, as an engineer would, before any assertion:
    // the other tests start from a square pair whatever this one finds.
    x.reset().get(5, TimeUnit.SECONDS);
    gantry.axes().get("X2").moveAbsolute(fin1, 0, 0, 0).get(5, TimeUnit.SECONDS);
    double squared = settled(x2);

    assertEquals(GroupState.GroupErrorStop, reacted, error);
    assertTrue(
        error.contains("axis X2: lags X1 by") && error.contains("beyond the pair tolerance 2.0"),
        error);
    // Both stopped early: neither went on with the move.
    assertTrue(Math.abs(target - fin1) > 500 && Math.abs(target - fin2) > 500, fin1 + " " + fin2);
    // Reacted at the second X2 sample beyond the tolerance (the watch confirms a difference once):
    // the pair parts at 30-70 mm/s while both accelerate, each X2 sample takes 30-40 ms, 1.9-6.2
    // mm apart on a quiet or moderately busy machine; with a build beside on the two cores an X2
    // sample came late enough for 15.2 mm. Bound: the tolerance and what two samples 150 ms late
    // let the pair part at 70 mm/s.
    assertTrue(atTrip < PAIR_TOLERANCE + 21, atTrip + " mm apart when the group reacted");
    assertEquals(fin1, squared, 0.001);
  }

  /** A move whose axes would travel different distances is refused before anything moves. */
  @Test
  void unequalTravelOfTheTwinsIsRefused() throws Exception {
    AxisGroup x = gantry.groups().get("portal-x");
    standby(x);
    double at = gantry.axes().get("X1").snapshot().position();
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> x.moveSynchronized(new double[] {at + 100, at + 110}, 1.0).get());
    UaException ua = (UaException) e.getCause();
    assertEquals(StatusCodes.Bad_InvalidArgument, ua.getStatusCode().value());
    assertTrue(
        ua.getMessage().contains("coupled axes must travel the same distance"), ua.getMessage());
    assertEquals(GroupState.GroupStandby, x.state());
  }

  private static void standby(AxisGroup x) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (x.state() != GroupState.GroupStandby && System.nanoTime() < deadline) {
      if (x.state() == GroupState.GroupErrorStop) {
        x.reset().exceptionally(e -> null).get(5, TimeUnit.SECONDS);
      }
      x.enable().exceptionally(e -> null).get(5, TimeUnit.SECONDS);
      Thread.sleep(50);
    }
    assertEquals(GroupState.GroupStandby, x.state());
  }

  /** The drive's position once it has not changed for 100 ms, in mm (at most 10 s). */
  private static double settled(SimulatedDrive d) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    int last = d.positionActual();
    long still = System.nanoTime();
    while (System.nanoTime() - still < 100_000_000L && System.nanoTime() < deadline) {
      Thread.sleep(5);
      int now = d.positionActual();
      if (now != last) {
        last = now;
        still = System.nanoTime();
      }
    }
    return last / INCREMENTS_PER_MM;
  }

  /** examples/ at the repository root, from the server module's working directory. */
  private static Path examples() {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.isDirectory(here.resolve("examples"))) {
      here = here.getParent();
    }
    assertTrue(here != null, "no examples/ above " + Path.of("").toAbsolutePath());
    return here.resolve("examples");
  }
}
