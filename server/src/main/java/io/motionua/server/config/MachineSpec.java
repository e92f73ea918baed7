package io.motionua.server.config;

/**
 * Identification of the machine (OPC 40001-1 Machinery names).
 *
 * @param name browse name of the machine object
 * @param motionDevice browse name of its motion device (the arm, the gantry), default {@code
 *     MotionDevice}
 */
public record MachineSpec(
    String name,
    String motionDevice,
    String manufacturer,
    String model,
    String serialNumber,
    Integer yearOfConstruction,
    String location) {

  MachineSpec withDefaults() {
    return new MachineSpec(
        name,
        motionDevice == null ? "MotionDevice" : motionDevice,
        manufacturer == null ? "" : manufacturer,
        model == null ? "" : model,
        serialNumber == null ? "" : serialNumber,
        yearOfConstruction,
        location == null ? "" : location);
  }
}
