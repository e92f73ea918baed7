"""Independent Modbus RTU slaves for MotionUA's scan tests, on pymodbus.

Usage: pymodbus_scan_slaves.py PORT UNIT [UNIT ...]
Serves the given unit ids on one serial line (8N1, 115200 baud). Every unit but the last holds
holding registers 0..9; the last one holds registers from 100 on only, so a read of register 0
gets exception 02 (it is there all the same). All answer Read Device Identification (43/14) with
VendorName "pymodbus-test", ProductCode "PMT-1", MajorMinorRevision "3.0".
"""
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.device import ModbusDeviceIdentification
from pymodbus.server import StartSerialServer
from pymodbus.transaction import ModbusRtuFramer


def main():
    port = sys.argv[1]
    units = [int(u) for u in sys.argv[2:]]
    slaves = {}
    for u in units:
        start = 100 if u == units[-1] else 0
        slaves[u] = ModbusSlaveContext(
            hr=ModbusSequentialDataBlock(start, [u] * 10), zero_mode=True
        )
    context = ModbusServerContext(slaves=slaves, single=False)
    identity = ModbusDeviceIdentification(
        info_name={"VendorName": "pymodbus-test", "ProductCode": "PMT-1", "MajorMinorRevision": "3.0"}
    )
    print("serving", port, units, flush=True)
    StartSerialServer(
        context=context,
        framer=ModbusRtuFramer,
        identity=identity,
        port=port,
        baudrate=115200,
        bytesize=8,
        parity="N",
        stopbits=1,
    )


if __name__ == "__main__":
    main()
