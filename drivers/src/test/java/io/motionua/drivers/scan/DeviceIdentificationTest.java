package io.motionua.drivers.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceIdentificationTest {

  @Test
  void basicObjectsAreReadWithTheirStandardNames() {
    byte[] pdu = response(Map.of(0, "Acme", 1, "SV-200", 2, "1.4"));
    DeviceIdentification id = DeviceIdentification.parse(pdu).orElseThrow();
    assertEquals("Acme", id.objects().get(0));
    assertEquals("VendorName=Acme ProductCode=SV-200 MajorMinorRevision=1.4", id.toString());
  }

  @Test
  void aTruncatedObjectListIsNotAnIdentification() {
    byte[] pdu = response(Map.of(0, "Acme"));
    byte[] cut = java.util.Arrays.copyOf(pdu, pdu.length - 2);
    assertTrue(DeviceIdentification.parse(cut).isEmpty());
    assertTrue(DeviceIdentification.parse(new byte[] {0x03, 0x02, 0, 1}).isEmpty());
  }

  @Test
  void privateObjectsAreNamedByTheirId() {
    assertEquals("object 0x80", DeviceIdentification.name(0x80));
    assertEquals("ModelName", DeviceIdentification.name(5));
  }

  private static byte[] response(Map<Integer, String> objects) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x2B, 0x0E, 0x01, 0x01, 0x00, 0x00, (byte) objects.size()});
    new java.util.TreeMap<>(objects)
        .forEach(
            (id, text) -> {
              byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
              out.write(id);
              out.write(bytes.length);
              out.writeBytes(bytes);
            });
    return out.toByteArray();
  }
}
