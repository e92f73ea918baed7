package io.motionua.server.config;

/**
 * Identification of the machine (OPC 40001-1 Machinery names).
 *
 * @param name browse name of the machine object
 */
public record MachineSpec(
    String name,
    String manufacturer,
    String model,
    String serialNumber,
    Integer yearOfConstruction,
    String location) {

  MachineSpec withDefaults() {
    return new MachineSpec(
        name,
        manufacturer == null ? "" : manufacturer,
        model == null ? "" : model,
        serialNumber == null ? "" : serialNumber,
        yearOfConstruction,
        location == null ? "" : location);
  }
}
