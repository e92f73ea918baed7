package io.motionua.server.config;

/**
 * One servo drive: a Modbus device on a link.
 *
 * @param unitId Modbus unit id, 1 to 247
 * @param profile drive profile name ({@code motionua-sim} is the simulator's)
 */
public record DriveSpec(
    String name,
    String link,
    Integer unitId,
    String profile,
    String manufacturer,
    String model,
    String serialNumber) {

  DriveSpec withDefaults() {
    return new DriveSpec(
        name,
        link,
        unitId,
        profile == null ? "motionua-sim" : profile,
        manufacturer == null ? "" : manufacturer,
        model == null ? "" : model,
        serialNumber == null ? "" : serialNumber);
  }
}
