package io.motionua.drivers.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterCodecTest {

  @Test
  void int32IsHighWordFirstInTheSimulatorProfile() {
    SignalSpec spec = DriveProfile.simulator().signal("targetPosition").orElseThrow();
    assertArrayEquals(new int[] {0xFFFF, 0xFFFE}, RegisterCodec.encode(spec, -2));
    assertEquals(-2L, RegisterCodec.decode(spec, new int[] {0, 0xFFFF, 0xFFFE}, 1));
  }

  @Test
  void scaledTemperatureDecodesToDegrees() {
    SignalSpec spec = DriveProfile.simulator().signal("motorTemperature").orElseThrow();
    assertEquals(30.5, (Double) RegisterCodec.decode(spec, new int[] {305}, 0), 1e-9);
    assertEquals(-1.5, (Double) RegisterCodec.decode(spec, new int[] {0xFFF1}, 0), 1e-9);
  }

  @Test
  void valueOutsideTheTypeIsRefusedWithItsRange() {
    SignalSpec spec = DriveProfile.simulator().signal("controlword").orElseThrow();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.encode(spec, 70_000));
    assertTrue(e.getMessage().contains("controlword"), e.getMessage());
    assertTrue(e.getMessage().contains("[0, 65535]"), e.getMessage());
  }

  @Test
  void overlappingSignalsAreRefusedNamingBoth() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DriveProfile(
                    "bad",
                    List.of(
                        new SignalSpec(
                            "pos", RegisterTable.HOLDING_REGISTER, 4, DataType.INT32, 1, 0, false),
                        new SignalSpec(
                            "vel", RegisterTable.HOLDING_REGISTER, 5, DataType.INT16, 1, 0, false)),
                    125,
                    123));
    assertTrue(e.getMessage().contains("vel overlaps signal pos"), e.getMessage());
  }
}
