package io.motionua.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.drivers.profile.DataType;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.RegisterCodec;
import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.profile.SignalSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritePlanTest {

  private final DriveProfile profile = DriveProfile.simulator();

  @Test
  void motionBlockGoesInOneRequestAndTheControlwordAfterIt() {
    List<WriteRequest> requests =
        WritePlan.requests(
            encoded(
                "targetPosition", 1000,
                "profileVelocity", 50_000,
                "profileAcceleration", 100_000,
                "profileDeceleration", 100_000,
                "controlword", 0x1F),
            123);
    assertEquals(2, requests.size());
    assertEquals(4, requests.get(0).address());
    assertEquals(8, requests.get(0).words().length);
    assertEquals(0, requests.get(1).address());
    assertArrayEquals(new int[] {0x1F}, requests.get(1).words());
  }

  @Test
  void writeLimitSplitsBetweenValuesNeverInsideOne() {
    List<WriteRequest> requests =
        WritePlan.requests(
            encoded("targetPosition", 1, "profileVelocity", 2, "profileAcceleration", 3), 3);
    assertEquals(3, requests.size(), "2+2 > 3, so each 32-bit value alone");
    requests.forEach(r -> assertEquals(2, r.words().length));
  }

  @Test
  void singleRegisterUsesFc06OnlyWhenTheDeviceAsksForIt() {
    WriteRequest one = WritePlan.requests(encoded("controlword", 6), 123).get(0);
    assertEquals(ModbusPdu.WRITE_MULTIPLE_REGISTERS, one.pdu(false)[0]);
    assertEquals(ModbusPdu.WRITE_SINGLE_REGISTER, one.pdu(true)[0]);
    WriteRequest two = WritePlan.requests(encoded("targetPosition", 6), 123).get(0);
    assertEquals(ModbusPdu.WRITE_MULTIPLE_REGISTERS, two.pdu(true)[0], "32-bit: always FC16");
  }

  @Test
  void coilsGoOutAsFc05AloneAndFc15TogetherPackedLowBitFirst() {
    var a = new SignalSpec("a", RegisterTable.COIL, 8, DataType.BOOL, 1, 0, true);
    var b = new SignalSpec("b", RegisterTable.COIL, 9, DataType.BOOL, 1, 0, true);
    List<WriteRequest> both =
        WritePlan.requests(
            List.of(
                new WritePlan.Encoded(a, new int[] {0}), new WritePlan.Encoded(b, new int[] {1})),
            123);
    assertEquals(1, both.size());
    assertArrayEquals(
        new byte[] {0x0F, 0, 8, 0, 2, 1, 0b10}, both.get(0).pdu(false), "FC15, 2 coils from 8");
    WriteRequest one =
        WritePlan.requests(List.of(new WritePlan.Encoded(a, new int[] {1})), 123).get(0);
    assertArrayEquals(new byte[] {0x05, 0, 8, (byte) 0xFF, 0}, one.pdu(false));
  }

  private List<WritePlan.Encoded> encoded(Object... namesAndValues) {
    List<WritePlan.Encoded> list = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      var spec = profile.signal((String) namesAndValues[i]).orElseThrow();
      list.add(new WritePlan.Encoded(spec, RegisterCodec.encode(spec, namesAndValues[i + 1])));
    }
    return list;
  }
}
