package io.motionua.drivers.modbus;

import com.ghgande.j2mod.modbus.msg.ExceptionResponse;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleCoilsRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;

/**
 * Maps the links' request PDUs (built by {@link ModbusPdu}) to j2mod request objects, and j2mod's
 * responses back to PDUs, so the links keep speaking PDUs while j2mod does the framing.
 */
final class J2modMessages {

  private J2modMessages() {}

  /**
   * The j2mod request for one of the functions the links send (FC01-06, FC15, FC16).
   *
   * @throws IllegalArgumentException for any other function
   */
  static ModbusRequest request(int unitId, byte[] pdu) {
    int function = pdu[0] & 0xFF;
    int address = ModbusPdu.word(pdu, 1);
    int count = ModbusPdu.word(pdu, 3);
    ModbusRequest request =
        switch (function) {
          case ModbusPdu.READ_COILS -> new ReadCoilsRequest(address, count);
          case ModbusPdu.READ_DISCRETE_INPUTS -> new ReadInputDiscretesRequest(address, count);
          case ModbusPdu.READ_HOLDING_REGISTERS -> new ReadMultipleRegistersRequest(address, count);
          case ModbusPdu.READ_INPUT_REGISTERS -> new ReadInputRegistersRequest(address, count);
          // FC05 carries ON as 0xFF00, OFF as 0x0000
          case ModbusPdu.WRITE_SINGLE_COIL -> new WriteCoilRequest(address, pdu[3] != 0);
          case ModbusPdu.WRITE_SINGLE_REGISTER ->
              new WriteSingleRegisterRequest(address, new SimpleRegister(count));
          case ModbusPdu.WRITE_MULTIPLE_COILS -> {
            BitVector bits = new BitVector(count);
            for (int i = 0; i < count; i++) {
              bits.setBit(i, ((pdu[6 + i / 8] >> (i % 8)) & 1) != 0);
            }
            yield new WriteMultipleCoilsRequest(address, bits);
          }
          case ModbusPdu.WRITE_MULTIPLE_REGISTERS -> {
            Register[] registers = new Register[count];
            for (int i = 0; i < count; i++) {
              registers[i] = new SimpleRegister(ModbusPdu.word(pdu, 6 + 2 * i));
            }
            yield new WriteMultipleRegistersRequest(address, registers);
          }
          default ->
              throw new IllegalArgumentException(
                  "function %d is not one the links send".formatted(function));
        };
    request.setUnitID(unitId);
    return request;
  }

  /** The response as a PDU: its function code (with 0x80 on an exception), then its data. */
  static byte[] pdu(ModbusResponse response) {
    byte[] data =
        response instanceof ExceptionResponse exception
            ? new byte[] {(byte) exception.getExceptionCode()}
            : response.getMessage();
    byte[] pdu = new byte[1 + data.length];
    pdu[0] = (byte) response.getFunctionCode();
    System.arraycopy(data, 0, pdu, 1, data.length);
    return pdu;
  }

  /**
   * Checks that a response comes from the unit asked and answers the function asked (or is its
   * exception response).
   *
   * @throws FrameException when it does not: the caller must treat the exchange as unanswered
   */
  static void checkAnswers(ModbusRequest request, ModbusResponse response, String where)
      throws FrameException {
    if (response.getUnitID() != request.getUnitID()) {
      throw new FrameException(
          "%s: response from unit %d to a request to unit %d"
              .formatted(where, response.getUnitID(), request.getUnitID()),
          false);
    }
    if ((response.getFunctionCode() & ~ModbusPdu.EXCEPTION_FLAG) != request.getFunctionCode()) {
      throw new FrameException(
          "%s: response with function %d to a request with function %d"
              .formatted(where, response.getFunctionCode(), request.getFunctionCode()),
          false);
    }
  }
}
