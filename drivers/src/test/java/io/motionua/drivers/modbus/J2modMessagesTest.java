package io.motionua.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ghgande.j2mod.modbus.msg.ExceptionResponse;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.util.List;
import org.junit.jupiter.api.Test;

class J2modMessagesTest {

  @Test
  void everyFunctionTheLinksSendGoesOutAsTheSameBytes() {
    List<byte[]> pdus =
        List.of(
            ModbusPdu.readRequest(ModbusPdu.READ_COILS, 7, 10),
            ModbusPdu.readRequest(ModbusPdu.READ_DISCRETE_INPUTS, 0, 3),
            ModbusPdu.readRequest(ModbusPdu.READ_HOLDING_REGISTERS, 0x1234, 125),
            ModbusPdu.readRequest(ModbusPdu.READ_INPUT_REGISTERS, 5, 2),
            ModbusPdu.writeSingleCoilRequest(9, true),
            ModbusPdu.writeSingleCoilRequest(9, false),
            ModbusPdu.writeSingleRequest(3, 0xFFFB),
            ModbusPdu.writeMultipleCoilsRequest(4, new int[] {1, 0, 1, 1, 0, 0, 0, 0, 1, 1}),
            ModbusPdu.writeMultipleRequest(10, new int[] {0x1122, 0x3344, 0, 0xFFFF}));
    for (byte[] pdu : pdus) {
      ModbusRequest request = J2modMessages.request(17, pdu);
      byte[] data = request.getMessage();
      byte[] sent = new byte[1 + data.length];
      sent[0] = (byte) request.getFunctionCode();
      System.arraycopy(data, 0, sent, 1, data.length);
      assertArrayEquals(pdu, sent, "function " + pdu[0]);
      assertEquals(17, request.getUnitID());
    }
  }

  @Test
  void otherFunctionsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> J2modMessages.request(1, new byte[] {0x17, 0, 0, 0, 1}));
  }

  @Test
  void responsesComeBackAsPdus() {
    ReadMultipleRegistersResponse registers =
        new ReadMultipleRegistersResponse(
            new Register[] {new SimpleRegister(0x0102), new SimpleRegister(0xFFFF)});
    assertArrayEquals(
        new byte[] {3, 4, 1, 2, (byte) 0xFF, (byte) 0xFF}, J2modMessages.pdu(registers));
    assertArrayEquals(new byte[] {(byte) 0x83, 2}, J2modMessages.pdu(new ExceptionResponse(3, 2)));
  }

  @Test
  void aResponseFromAnotherUnitOrFunctionIsRefused() throws FrameException {
    ModbusRequest request = J2modMessages.request(2, ModbusPdu.readRequest(3, 0, 2));
    ModbusResponse fromUnit1 = new ExceptionResponse(3, 4);
    fromUnit1.setUnitID(1);
    assertThrows(FrameException.class, () -> J2modMessages.checkAnswers(request, fromUnit1, "t"));
    ModbusResponse otherFunction = new ExceptionResponse(4, 4);
    otherFunction.setUnitID(2);
    assertThrows(
        FrameException.class, () -> J2modMessages.checkAnswers(request, otherFunction, "t"));
    ModbusResponse exception = new ExceptionResponse(3, 4);
    exception.setUnitID(2);
    J2modMessages.checkAnswers(request, exception, "t");
  }
}
