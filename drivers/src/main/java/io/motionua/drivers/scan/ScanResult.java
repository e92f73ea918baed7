package io.motionua.drivers.scan;

import java.util.Optional;

/**
 * A unit that answered a scan.
 *
 * @param unitId its Modbus unit id
 * @param probe what it answered to the probe read: {@code registers}, or the exception it sent
 *     ({@code exception 02 illegal data address}); either way it is there
 * @param identification what it said to Read Device Identification, if it answers that
 * @param identificationNote why there is no identification ({@code exception 01 illegal function},
 *     {@code no answer}), empty when there is one
 */
public record ScanResult(
    int unitId,
    String probe,
    Optional<DeviceIdentification> identification,
    String identificationNote) {

  /** One line for the scan's output: {@code unit 3: answers (registers); VendorName=...}. */
  public String line() {
    return "unit %d: answers (%s); %s"
        .formatted(
            unitId,
            probe,
            identification
                .map(DeviceIdentification::toString)
                .orElse("no identification (" + identificationNote + ")"));
  }
}
