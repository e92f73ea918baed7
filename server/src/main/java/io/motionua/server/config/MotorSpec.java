package io.motionua.server.config;

/**
 * One servo motor and its encoder.
 *
 * @param drive the drive that powers it
 * @param incrementsPerRev encoder increments per motor revolution, as the drive counts them
 * @param ratedSpeedRpm rated motor speed
 * @param maxTemperature winding temperature (°C) at which the motor counts as over-temperature
 * @param productCode DI ProductCode; null when the file gives none
 */
public record MotorSpec(
    String name,
    String drive,
    Long incrementsPerRev,
    Double ratedSpeedRpm,
    Double maxTemperature,
    String manufacturer,
    String model,
    String serialNumber,
    String productCode) {

  MotorSpec withDefaults() {
    return new MotorSpec(
        name,
        drive,
        incrementsPerRev == null ? 131072L : incrementsPerRev,
        ratedSpeedRpm == null ? 3000.0 : ratedSpeedRpm,
        maxTemperature == null ? 110.0 : maxTemperature,
        manufacturer == null ? "" : manufacturer,
        model == null ? "" : model,
        serialNumber == null ? "" : serialNumber,
        productCode);
  }
}
