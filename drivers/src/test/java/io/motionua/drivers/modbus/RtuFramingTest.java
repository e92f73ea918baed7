package io.motionua.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtuFramingTest {

  @Test
  void crcOfTheTextbookReadRequestIsC5Cd() {
    byte[] frame = ModbusCrc.frame(1, ModbusPdu.readRequest(3, 0, 10));
    assertArrayEquals(
        new byte[] {0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, (byte) 0xC5, (byte) 0xCD}, frame);
    assertTrue(ModbusCrc.check(frame, frame.length));
    frame[3] ^= 1;
    assertFalse(ModbusCrc.check(frame, frame.length));
  }

  @Test
  void serialTimingFollowsTheRtuRules() {
    SerialSettings fast = SerialSettings.modbusDefault("/dev/null", 115200);
    assertEquals(11, fast.bitsPerCharacter());
    assertEquals(1_750_000L, fast.silentIntervalNanos(), "fixed above 19200 baud");
    SerialSettings slow = SerialSettings.modbusDefault("/dev/null", 9600);
    assertEquals(4_010_417L, slow.silentIntervalNanos(), 1, "3.5 characters of 11 bits");
    // A 10-register read: 8-byte request and 25-byte response, plus two silent intervals.
    double millis = (fast.wireNanos(8 + 25) + 2 * fast.silentIntervalNanos()) / 1e6;
    assertEquals(6.65, millis, 0.05);
  }
}
