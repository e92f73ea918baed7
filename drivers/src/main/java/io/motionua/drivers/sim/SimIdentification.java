package io.motionua.drivers.sim;

import io.motionua.drivers.modbus.ModbusPdu;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The simulated drive's answer to Read Device Identification (function 43, MEI type 14), so a scan
 * of a simulated line shows what it found: read device id code 01 gives the basic objects (vendor,
 * product code, revision), 02 adds the product name. Other codes get exception 03.
 */
final class SimIdentification {

  static final int FUNCTION = 0x2B;
  private static final int MEI_READ_DEVICE_ID = 0x0E;
  private static final int ILLEGAL_DATA_VALUE = 0x03;

  private static final List<String> BASIC = List.of("MotionUA", "motionua-sim", "1.0");
  private static final String PRODUCT_NAME = "MotionUA simulated servo drive";

  private SimIdentification() {}

  static byte[] answer(byte[] pdu) {
    if (pdu.length != 4 || (pdu[1] & 0xFF) != MEI_READ_DEVICE_ID) {
      return ModbusPdu.exceptionResponse(FUNCTION, ILLEGAL_DATA_VALUE);
    }
    int code = pdu[2] & 0xFF;
    if (code != 1 && code != 2) {
      return ModbusPdu.exceptionResponse(FUNCTION, ILLEGAL_DATA_VALUE);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int objects = code == 1 ? 3 : 4;
    out.writeBytes(new byte[] {FUNCTION, MEI_READ_DEVICE_ID, (byte) code, (byte) code, 0, 0});
    out.write(objects);
    for (int id = 0; id < objects; id++) {
      String text = id < BASIC.size() ? BASIC.get(id) : PRODUCT_NAME;
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      out.write(id == 3 ? 4 : id); // object 4 is ProductName; 3 (VendorUrl) is not given
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }
}
