package io.motionua.server.config;

/**
 * The machine file of a simulated cell of N axes for group tests and {@code bench motion}: machine
 * "Cell", axes A1..AN, each drive alone on its own simulated link (N links, N link threads), all in
 * group {@code all}. Axis k has velocity limit 60 + 10k deg/s, acceleration = deceleration 300 +
 * 20k deg/s², software limits ±170 deg, a 131072-increment motor behind a 100:1 gear. A poll that
 * times out (200 ms) is retried once before the drive counts as not answering: on a loaded machine
 * one late answer must not fail a group move.
 */
public final class SimulatedCell {

  /** The machine's name, the first element of every instance node's path. */
  public static final String NAME = "Cell";

  private SimulatedCell() {}

  /** Velocity limit of axis k (1-based), deg/s. */
  public static double velocity(int k) {
    return 60 + 10 * k;
  }

  /** Acceleration and deceleration limit of axis k (1-based), deg/s². */
  public static double deceleration(int k) {
    return 300 + 20 * k;
  }

  /** Drive increments per degree at the load (131072 per motor revolution, ratio 100). */
  public static double incrementsPerDegree() {
    return 131072 * 100 / 360.0;
  }

  /**
   * The YAML of the cell.
   *
   * @param axes number of axes (and links)
   * @param pollMs every link's poll period
   * @param groupOptions the group's further options, e.g. {@code mode: interpolated}; may be empty
   */
  public static String yaml(int axes, int pollMs, String groupOptions) {
    StringBuilder y =
        new StringBuilder(
            """
            server:
              port: 0
              bindAddress: 127.0.0.1
              hostnames: [127.0.0.1]
              anonymous: operator
              securityNone: true
            machine:
              name: %s
              motionDevice: Robot
            reducers:
              - { name: gear, ratio: 100 }
            """
                .formatted(NAME));
    StringBuilder links = new StringBuilder("links:\n");
    StringBuilder drives = new StringBuilder("drives:\n");
    StringBuilder motors = new StringBuilder("motors:\n");
    StringBuilder axesYaml = new StringBuilder("axes:\n");
    StringBuilder members = new StringBuilder();
    for (int k = 1; k <= axes; k++) {
      links.append(
          "  - { name: bus%d, host: 127.0.0.1, port: 0, simulated: true, timeoutMs: 200,"
                  .formatted(k)
              + " retries: 1, pollMs: %d, staleAfterMs: 500 }\n".formatted(pollMs));
      drives.append("  - { name: d%d, link: bus%d, unitId: 1 }\n".formatted(k, k));
      motors.append("  - { name: m%d, drive: d%d }\n".formatted(k, k));
      axesYaml.append(
          ("  - { name: A%d, motor: m%d, reducer: gear, enableOnStart: true, limits: { min: -170,"
                  + " max: 170, velocity: %s, acceleration: %s, deceleration: %s } }\n")
              .formatted(k, k, velocity(k), deceleration(k), deceleration(k)));
      members.append(k == 1 ? "" : ", ").append("A").append(k);
    }
    y.append(links).append(drives).append(motors).append(axesYaml);
    y.append("groups:\n  - { name: all, axes: [")
        .append(members)
        .append("]")
        .append(groupOptions.isEmpty() ? "" : ", " + groupOptions)
        .append(" }\n");
    return y.toString();
  }
}
