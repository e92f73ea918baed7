package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.motionua.server.config.ConfigException;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.GroupSpec;
import io.motionua.server.config.MachineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupConfigTest {

  private static final String MACHINE =
      """
      machine:
        name: M1
      links:
        - { name: bus, host: 127.0.0.1, port: 1502 }
      drives:
        - { name: d1, link: bus, unitId: 1 }
        - { name: d2, link: bus, unitId: 2 }
      motors:
        - { name: m1, drive: d1 }
        - { name: m2, drive: d2 }
      reducers:
        - { name: g1, ratio: 10 }
      axes:
        - { name: X, motor: m1, reducer: g1, limits: { min: -100, max: 100 } }
        - { name: Y, motor: m2, reducer: g1, limits: { min: 0, max: 50 } }
      groups:
      """;

  private static MachineConfig parse(String groups) throws ConfigException {
    return ConfigLoader.parse("m.yaml", MACHINE + groups, null);
  }

  private static String refused(String groups) {
    return assertThrows(ConfigException.class, () -> parse(groups)).getMessage();
  }

  @Test
  void groupDefaultsAreStopDriveProfilesTenMillisecondsAndUncoupled() throws Exception {
    GroupSpec g = parse("  - { name: xy, axes: [X, Y] }\n").groups().get(0);
    assertEquals(List.of("X", "Y"), g.axes());
    assertEquals("stop", g.faultReaction());
    assertEquals("drive-profiles", g.mode());
    assertEquals(10, g.cycleMs());
    assertEquals(false, g.coupled());
    assertEquals(null, g.safePose());
    assertEquals(0, g.realtimePriority(), "the loop is a normal thread unless configured");
  }

  @Test
  void realtimePriorityOutsideSchedFifoIsRefusedWithItsPlace() {
    assertEquals(
        "m.yaml:17:51: groups[0].realtimePriority: must be 0 (off) or a SCHED_FIFO priority 1 to"
            + " 99, not 120",
        refused("  - { name: xy, axes: [X, Y], mode: interpolated, realtimePriority: 120 }\n"));
  }

  @Test
  void machineWithoutGroupsHasAnEmptyList() throws Exception {
    assertEquals(
        List.of(), ConfigLoader.parse("m.yaml", MACHINE.replace("groups:\n", ""), null).groups());
  }

  @Test
  void unknownAxisIsNamedWithItsPlace() {
    assertEquals(
        "m.yaml:17:27: groups[0].axes[1]: no axis named 'Z' (known: X, Y)",
        refused("  - { name: xy, axes: [X, Z] }\n"));
  }

  @Test
  void axisInTwoGroupsIsRefused() {
    assertEquals(
        "m.yaml:18:23: groups[1].axes[0]: axis 'X' is already a member of group 'a'",
        refused("  - { name: a, axes: [X] }\n  - { name: b, axes: [X, Y] }\n"));
  }

  @Test
  void safePoseIsRequiredForTheSafePoseReaction() {
    assertEquals(
        "m.yaml:17:31: groups[0].safePose: is required for faultReaction safe-pose"
            + " (one position per axis: X, Y)",
        refused("  - { name: xy, axes: [X, Y], faultReaction: safe-pose }\n"));
  }

  @Test
  void safePoseWithTheWrongNumberOfPositionsIsRefused() {
    assertEquals(
        "m.yaml:17:57: groups[0].safePose: has 1 positions for 2 axes (X, Y)",
        refused("  - { name: xy, axes: [X, Y], faultReaction: safe-pose, safePose: [0] }\n"));
  }

  @Test
  void safePoseOutsideAnAxisLimitIsRefusedNamingTheAxisAndLimits() {
    assertEquals(
        "m.yaml:17:71: groups[0].safePose[1]: position -5.0 of axis 'Y' is outside its software"
            + " limits [0.0, 50.0]",
        refused("  - { name: xy, axes: [X, Y], faultReaction: safe-pose, safePose: [0, -5] }\n"));
  }

  @Test
  void continueIsRefusedForACoupledGroup() {
    String message =
        refused("  - { name: gantry, axes: [X, Y], coupled: true, faultReaction: continue }\n");
    assertEquals(
        "m.yaml:17:50: groups[0].faultReaction: continue is refused for a coupled group: its axes"
            + " must never move on alone (use stop or safe-pose)",
        message);
  }

  @Test
  void continueIsAcceptedForAnUncoupledGroup() throws Exception {
    assertEquals(
        "continue",
        parse("  - { name: xy, axes: [X, Y], faultReaction: continue }\n")
            .groups()
            .get(0)
            .faultReaction());
  }

  @Test
  void aCoupledGroupsPairToleranceDefaultsToItsFollowingErrorLimit() throws Exception {
    GroupSpec g =
        parse("  - { name: g, axes: [X, Y], coupled: true, followingErrorLimit: 3 }\n")
            .groups()
            .get(0);
    assertEquals(3.0, g.pairTolerance());
    assertEquals(null, parse("  - { name: xy, axes: [X, Y] }\n").groups().get(0).pairTolerance());
  }

  @Test
  void pairToleranceIsRefusedForAnUncoupledGroupAndMustBePositive() {
    assertEquals(
        "m.yaml:17:31: groups[0].pairTolerance: applies to coupled groups only: add coupled: true"
            + " or remove it",
        refused("  - { name: xy, axes: [X, Y], pairTolerance: 2 }\n"));
    assertEquals(
        "m.yaml:17:46: groups[0].pairTolerance: must be positive, not -1.0",
        refused("  - { name: xy, axes: [X, Y], coupled: true, pairTolerance: -1 }\n"));
  }

  @Test
  void unknownModeIsRefused() {
    assertEquals(
        "m.yaml:17:31: groups[0].mode: must be drive-profiles or interpolated, not 'servo'",
        refused("  - { name: xy, axes: [X, Y], mode: servo }\n"));
  }

  @Test
  void gantryExampleHasACoupledTwinMotorGroupAndASafePoseToolGroup() throws Exception {
    MachineConfig gantry = ConfigLoader.load(examples().resolve("gantry.yaml"));
    GroupSpec x = gantry.groups().get(0);
    assertEquals(List.of("X1", "X2"), x.axes());
    assertEquals(true, x.coupled());
    assertEquals(2.0, x.pairTolerance());
    assertEquals("drive-profiles", x.mode());
    assertEquals(List.of(0.0, 0.0), gantry.groups().get(1).safePose());
  }

  @Test
  void demoArmHasGroupArmWithItsSixAxes() throws Exception {
    GroupSpec arm = ConfigLoader.demo().groups().get(0);
    assertEquals("arm", arm.name());
    assertEquals(List.of("J1", "J2", "J3", "J4", "J5", "J6"), arm.axes());
    assertEquals("safe-pose", arm.faultReaction());
  }

  /** examples/ at the repository root, from the server module's working directory. */
  private static java.nio.file.Path examples() {
    java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
    while (here != null && !java.nio.file.Files.isDirectory(here.resolve("examples"))) {
      here = here.getParent();
    }
    return java.util.Objects.requireNonNull(here, "no examples/ above the working directory")
        .resolve("examples");
  }
}
