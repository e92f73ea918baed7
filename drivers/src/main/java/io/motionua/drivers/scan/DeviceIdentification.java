package io.motionua.drivers.scan;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a device says about itself through Modbus function 43 / MEI type 14 (Read Device
 * Identification): vendor name, product code and revision (the basic objects, mandatory for a
 * device that answers the function), and the regular ones it may add (URL, product and model name).
 *
 * @param objects object id to its text, in the order the device sent them
 */
public record DeviceIdentification(Map<Integer, String> objects) {

  /** Function 43, Encapsulated Interface Transport. */
  static final int FUNCTION = 0x2B;

  /** MEI type 14, Read Device Identification. */
  static final int MEI_READ_DEVICE_ID = 0x0E;

  /** The request for the basic objects from object 0 on (read device id code 01). */
  static final byte[] BASIC_REQUEST = {FUNCTION, MEI_READ_DEVICE_ID, 0x01, 0x00};

  private static final String[] NAMES = {
    "VendorName",
    "ProductCode",
    "MajorMinorRevision",
    "VendorUrl",
    "ProductName",
    "ModelName",
    "UserApplicationName"
  };

  public DeviceIdentification {
    objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
  }

  /**
   * Reads a normal response PDU to {@link #BASIC_REQUEST}.
   *
   * @return empty when the PDU is not a well-formed answer to it
   */
  static Optional<DeviceIdentification> parse(byte[] pdu) {
    if (pdu.length < 7 || (pdu[0] & 0xFF) != FUNCTION || (pdu[1] & 0xFF) != MEI_READ_DEVICE_ID) {
      return Optional.empty();
    }
    int count = pdu[6] & 0xFF;
    Map<Integer, String> objects = new LinkedHashMap<>();
    int at = 7;
    for (int i = 0; i < count; i++) {
      if (at + 2 > pdu.length) {
        return Optional.empty();
      }
      int id = pdu[at] & 0xFF;
      int length = pdu[at + 1] & 0xFF;
      if (at + 2 + length > pdu.length) {
        return Optional.empty();
      }
      objects.put(id, new String(pdu, at + 2, length, StandardCharsets.ISO_8859_1).strip());
      at += 2 + length;
    }
    return Optional.of(new DeviceIdentification(objects));
  }

  /** The standard name of an object id ({@code VendorName} for 0), or {@code object 0x80}. */
  static String name(int objectId) {
    return objectId < NAMES.length ? NAMES[objectId] : "object 0x%02X".formatted(objectId);
  }

  /** {@code VendorName=Acme ProductCode=SV200 MajorMinorRevision=1.2}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    objects.forEach(
        (id, text) -> s.append(s.isEmpty() ? "" : " ").append(name(id)).append('=').append(text));
    return s.toString();
  }
}
