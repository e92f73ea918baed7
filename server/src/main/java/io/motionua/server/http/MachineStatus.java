package io.motionua.server.http;

import java.util.List;

/**
 * What the status page shows, as one JSON document ({@code GET /api/status} and each event of
 * {@code /api/events}). Positions are load-side engineering units, as in OPC UA.
 *
 * @param machine the machine's name
 * @param time when this was taken (ISO-8601)
 * @param health {@code UP} or {@code DOWN}, as {@code /health} says
 * @param problems what {@code /health} names as wrong, then its warnings
 * @param axes each axis
 * @param links each link, with its drives
 * @param alarms the alarms that are active or not yet acknowledged, most severe first
 */
record MachineStatus(
    String machine,
    String time,
    String health,
    List<String> problems,
    List<Axis> axes,
    List<LinkStatus> links,
    List<Alarm> alarms) {

  /**
   * One axis.
   *
   * @param state the PLCopen state
   * @param quality the trust in the values: the drive's values' StatusCode name
   * @param driveHealth {@code ok}, {@code fault}, {@code offline} (values not current) or {@code
   *     disabled}
   * @param fault the drive's fault as text (code and the profile's text), or null
   */
  record Axis(
      String name,
      String unit,
      String state,
      double position,
      double commandedPosition,
      double followingError,
      double speed,
      boolean homed,
      String quality,
      String drive,
      String driveHealth,
      String fault) {}

  /**
   * One link: counters since start and rates over the last update period.
   *
   * @param errors timeouts, exception responses, CRC and framing errors
   * @param requestsPerSecond requests sent per second since the previous update
   * @param errorsPerSecond errors per second since the previous update
   */
  record LinkStatus(
      String name,
      boolean connected,
      long requests,
      long responses,
      long errors,
      long timeouts,
      long reconnects,
      double requestsPerSecond,
      double errorsPerSecond,
      double meanRoundTripMs,
      double p99RoundTripMs,
      String lastError,
      List<Drive> drives) {}

  /** One drive or device on a link. */
  record Drive(String name, int unitId, boolean answering, boolean demoted, int failuresInARow) {}

  /** One alarm condition that is active or still unacknowledged. */
  record Alarm(
      String source,
      String name,
      int severity,
      String message,
      boolean active,
      boolean acknowledged,
      String time) {}
}
