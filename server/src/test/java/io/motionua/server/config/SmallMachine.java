package io.motionua.server.config;

/**
 * The smallest whole machine file (one link, drive, motor, reducer and axis), for tests of one
 * section: they put their section before or after it and expect problems at exact lines.
 */
final class SmallMachine {

  static final String YAML =
      """
      machine:
        name: M1
      links:
        - { name: bus, host: 127.0.0.1, port: 1502 }
      drives:
        - { name: d1, link: bus, unitId: 1 }
      motors:
        - { name: m1, drive: d1 }
      reducers:
        - { name: g1, ratio: 10 }
      axes:
        - { name: X, motor: m1, reducer: g1 }
      """;

  private SmallMachine() {}
}
