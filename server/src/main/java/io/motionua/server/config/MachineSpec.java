package io.motionua.server.config;

/**
 * Identification of the machine (OPC 40001-1 Machinery names).
 *
 * @param name browse name of the machine object
 * @param motionDevice browse name of its motion device (the arm, the gantry), default {@code
 *     MotionDevice}
 * @param manufacturerUri the manufacturer's URI (Machinery ManufacturerUri); null when the file
 *     gives none
 * @param motionDeviceCategory Robotics MotionDeviceCategoryEnumeration in lower case with dashes
 *     ({@code articulated-robot}), default {@code other}
 * @param productCode the motion device's DI ProductCode; null when the file gives none
 */
public record MachineSpec(
    String name,
    String motionDevice,
    String manufacturer,
    String manufacturerUri,
    String model,
    String serialNumber,
    Integer yearOfConstruction,
    String location,
    String motionDeviceCategory,
    String productCode) {

  /** The names of Robotics' MotionDeviceCategoryEnumeration, by value. */
  public static final java.util.List<String> CATEGORIES =
      java.util.List.of(
          "other",
          "articulated-robot",
          "scara-robot",
          "cartesian-robot",
          "spherical-robot",
          "parallel-robot",
          "cylindrical-robot");

  MachineSpec withDefaults() {
    return new MachineSpec(
        name,
        motionDevice == null ? "MotionDevice" : motionDevice,
        manufacturer == null ? "" : manufacturer,
        manufacturerUri,
        model == null ? "" : model,
        serialNumber == null ? "" : serialNumber,
        yearOfConstruction,
        location == null ? "" : location,
        motionDeviceCategory == null ? "other" : motionDeviceCategory,
        productCode);
  }

  /** The MotionDeviceCategoryEnumeration value. */
  public int categoryValue() {
    return CATEGORIES.indexOf(motionDeviceCategory);
  }
}
