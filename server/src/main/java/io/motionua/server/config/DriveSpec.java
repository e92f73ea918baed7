package io.motionua.server.config;

import java.util.Map;

/**
 * One servo drive: a Modbus device on a link.
 *
 * @param unitId Modbus unit id, 1 to 247
 * @param profile a built-in drive profile's name ({@code motionua-sim}, ...) or the path of a
 *     profile YAML file, relative to the machine file
 * @param pollMs this drive's poll period; null: the link's
 * @param signalPeriods poll periods of single signals, by name, over the link's
 * @param productCode DI ProductCode; null when the file gives none
 */
public record DriveSpec(
    String name,
    String link,
    Integer unitId,
    String profile,
    String manufacturer,
    String model,
    String serialNumber,
    Integer pollMs,
    Map<String, Integer> signalPeriods,
    String productCode) {

  DriveSpec withDefaults() {
    return new DriveSpec(
        name,
        link,
        unitId,
        profile == null ? "motionua-sim" : profile,
        manufacturer == null ? "" : manufacturer,
        model == null ? "" : model,
        serialNumber == null ? "" : serialNumber,
        pollMs,
        signalPeriods == null ? Map.of() : signalPeriods,
        productCode);
  }
}
