package io.motionua.tools.bench;

/**
 * The machine file of one cell of the plant benchmark: machine {@code CellNN} with {@code axes}
 * rotary axes A1..AN, their drives on one Modbus TCP link to the benchmark's own simulator (a
 * cell's bus), publishing as Sparkplug edge node {@code cell-NN} of group {@code plant}. History is
 * off: the benchmark measures the Sparkplug path, and twenty embedded stores would compete for the
 * machine's one disk. Drives stay disabled, so only the benchmark changes their positions.
 */
final class PlantCell {

  /** The Sparkplug group of every cell. */
  static final String GROUP = "plant";

  /** Drive increments per degree at the load: 131072 per motor revolution, ratio 100. */
  static final double INCREMENTS_PER_DEGREE = 131072 * 100 / 360.0;

  private PlantCell() {}

  static String edgeNodeId(int cell) {
    return "cell-%02d".formatted(cell);
  }

  static String yaml(int cell, int axes, int simulatorPort, int pollMs, String broker) {
    StringBuilder y =
        new StringBuilder(
            """
            server:
              port: 0
              bindAddress: 127.0.0.1
              hostnames: [127.0.0.1]
              anonymous: viewer
              securityNone: true
            machine:
              name: Cell
              serialNumber: CELL-%02d
              motionDevice: Robot
            history:
              enabled: false
            reducers:
              - { name: gear, ratio: 100 }
            links:
              - { name: bus, host: 127.0.0.1, port: %d, timeoutMs: 500, retries: 1, pollMs: %d, staleAfterMs: 5000 }
            """
                .formatted(cell, simulatorPort, pollMs));
    StringBuilder drives = new StringBuilder("drives:\n");
    StringBuilder motors = new StringBuilder("motors:\n");
    StringBuilder axesYaml = new StringBuilder("axes:\n");
    for (int k = 1; k <= axes; k++) {
      drives.append("  - { name: A%d-drive, link: bus, unitId: %d }\n".formatted(k, k));
      motors.append("  - { name: m%d, drive: A%d-drive }\n".formatted(k, k));
      axesYaml.append(
          ("  - { name: A%d, motor: m%d, reducer: gear, limits: { min: -170, max: 170,"
                  + " velocity: 180, acceleration: 360, deceleration: 360 } }\n")
              .formatted(k, k));
    }
    y.append(drives).append(motors).append(axesYaml);
    y.append(
        """
        sparkplug:
          brokers: [%s]
          groupId: %s
          edgeNodeId: %s
          reconnectMs: 500
        """
            .formatted(broker, GROUP, edgeNodeId(cell)));
    return y.toString();
  }
}
