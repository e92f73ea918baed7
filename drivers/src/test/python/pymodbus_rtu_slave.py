"""An independent Modbus RTU slave for MotionUA's driver tests, on pymodbus.

Usage: pymodbus_rtu_slave.py PORT UNIT [UNIT ...]
Serves holding registers 0..49 for each unit id on one serial line (8N1, 115200 baud; a pty
refuses even parity to pyserial-asyncio):
register i of unit u holds u * 100 + i.
"""
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartSerialServer
from pymodbus.transaction import ModbusRtuFramer


def main():
    port = sys.argv[1]
    units = [int(u) for u in sys.argv[2:]]
    slaves = {
        u: ModbusSlaveContext(
            hr=ModbusSequentialDataBlock(0, [u * 100 + i for i in range(50)]), zero_mode=True
        )
        for u in units
    }
    context = ModbusServerContext(slaves=slaves, single=False)
    print("serving", port, units, flush=True)
    StartSerialServer(
        context=context,
        framer=ModbusRtuFramer,
        port=port,
        baudrate=115200,
        bytesize=8,
        parity="N",
        stopbits=1,
    )


if __name__ == "__main__":
    main()
