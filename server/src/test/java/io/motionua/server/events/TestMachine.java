package io.motionua.server.events;

import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;

/**
 * A small simulated machine "Bench" for event tests: device "Arm", axes J1..J4 on one simulated
 * link (drive unit ids 1..4). J4's motor has maxTemperature 31 °C, just above the simulator's 30 °C
 * ambient, so a MoveVelocity heats it over the limit within about a second.
 */
final class TestMachine {

  static final String NAME = "Bench";

  private static final String YAML =
      """
      server:
        applicationName: MotionUA event tests
        port: 0
        bindAddress: 127.0.0.1
        hostnames: [127.0.0.1]
        anonymous: operator
        securityNone: true
      machine:
        name: Bench
        motionDevice: Arm
        manufacturer: MotionUA
        model: Event test bench
        serialNumber: EV-0001
        location: Test
      links:
        - { name: bench-bus, type: tcp, host: 127.0.0.1, port: 0, simulated: true,
            timeoutMs: 100, retries: 0, pollMs: 20, staleAfterMs: 500 }
      drives:
        - { name: J1-drive, link: bench-bus, unitId: 1, profile: motionua-sim }
        - { name: J2-drive, link: bench-bus, unitId: 2, profile: motionua-sim }
        - { name: J3-drive, link: bench-bus, unitId: 3, profile: motionua-sim }
        - { name: J4-drive, link: bench-bus, unitId: 4, profile: motionua-sim }
      motors:
        - { name: J1-motor, drive: J1-drive, maxTemperature: 110 }
        - { name: J2-motor, drive: J2-drive, maxTemperature: 110 }
        - { name: J3-motor, drive: J3-drive, maxTemperature: 110 }
        - { name: J4-motor, drive: J4-drive, maxTemperature: 31 }
      reducers:
        - { name: gear, ratio: 100 }
      axes:
        - { name: J1, motor: J1-motor, reducer: gear, motionProfile: rotary, enableOnStart: true,
            limits: { min: -170, max: 170, velocity: 180, acceleration: 360, deceleration: 360 } }
        - { name: J2, motor: J2-motor, reducer: gear, motionProfile: rotary, enableOnStart: true,
            limits: { min: -170, max: 170, velocity: 180, acceleration: 360, deceleration: 360 } }
        - { name: J3, motor: J3-motor, reducer: gear, motionProfile: rotary, enableOnStart: true,
            limits: { min: -170, max: 170, velocity: 180, acceleration: 360, deceleration: 360 } }
        - { name: J4, motor: J4-motor, reducer: gear, motionProfile: rotary-endless,
            enableOnStart: true,
            limits: { min: -180, max: 180, velocity: 180, acceleration: 360, deceleration: 360 } }
      """;

  private TestMachine() {}

  /** Starts the bench on a free port, anonymous sessions as operators; the caller closes it. */
  static MotionUa start() throws Exception {
    return start("operator");
  }

  /** Starts the bench with anonymous sessions in the given role (viewer or operator). */
  static MotionUa start(String anonymousRole) throws Exception {
    String yaml = YAML.replace("anonymous: operator", "anonymous: " + anonymousRole);
    MachineConfig config =
        ConfigLoader.parse("bench.yaml", yaml, null).withPort(ListenPorts.choose());
    MotionUa motionUa = new MotionUa(config, Files.createTempDirectory("motionua-events-it"));
    motionUa.start();
    return motionUa;
  }

  /**
   * Starts the bench with J1's following-error limit set (default 5 deg): the simulated drives
   * trail their demand by 1 ms, so J1 at v deg/s shows a following error of about v / 1000 deg. The
   * link's timeout is 500 ms with two retries instead of 100 ms without.
   */
  static MotionUa startWithFollowingErrorLimit(double limit) throws Exception {
    String yaml =
        YAML.replace(
            "{ name: J1, motor: J1-motor,",
            "{ name: J1, motor: J1-motor, followingErrorLimit: " + limit + ",");
    MachineConfig config =
        ConfigLoader.parse("bench.yaml", yaml, null).withPort(ListenPorts.choose());
    MotionUa motionUa = new MotionUa(config, Files.createTempDirectory("motionua-events-it"));
    motionUa.start();
    return motionUa;
  }

  static String endpoint(MotionUa motionUa) {
    return "opc.tcp://127.0.0.1:" + motionUa.config().server().port();
  }
}
