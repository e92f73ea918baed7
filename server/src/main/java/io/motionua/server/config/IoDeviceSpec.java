package io.motionua.server.config;

import java.util.List;

/**
 * A plain Modbus device beside the drives (a remote I/O module, a sensor, a valve terminal): its
 * tags appear under the machine's Devices folder.
 *
 * @param link the link it is on
 * @param unitId its Modbus unit id, 1 to 247
 * @param pollMs its poll period; default the link's
 */
public record IoDeviceSpec(
    String name,
    String link,
    Integer unitId,
    Integer pollMs,
    String description,
    List<TagSpec> tags) {

  IoDeviceSpec withDefaults() {
    return new IoDeviceSpec(
        name,
        link,
        unitId,
        pollMs,
        description == null ? "" : description,
        tags == null ? List.of() : tags);
  }
}
