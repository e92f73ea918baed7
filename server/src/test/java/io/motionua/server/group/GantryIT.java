package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
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
    while (x.state() != GroupState.GroupStandby && System.nanoTime() < deadline) {
      x.enable().exceptionally(e -> null).get();
      Thread.sleep(50);
    }
    assertEquals(GroupState.GroupStandby, x.state());
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
