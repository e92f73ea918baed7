"""A trigger-scheme servo drive on pymodbus, independent of MotionUA's simulator.

Usage: trigger_drive.py PORT UNIT [UNIT ...]
Serves one drive per unit id on a serial line (8N1, 115200 baud) with the register map of
src/test/resources/profiles/trigger-test-drive.yaml (0-based holding registers):
  0 command (1 move, 2 halt, 3 alarm reset, 4 home), 1 status (bit 0 enabled, 1 in position,
  2 moving, 3 alarm, 4 home done), 2 alarm code, 4-5 target, 6-7 speed, 8-9 acceleration,
  10-11 deceleration, 12-13 actual position (32-bit, high word first), 14 servo on (1) / off (0).
A move runs at constant speed from where the drive is to the target. Lines on stdin:
"alarm CODE [UNIT]" puts the drive of that unit (default: the first) in alarm (motion stops,
servo off).
"""
import sys
import threading
import time

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartSerialServer
from pymodbus.transaction import ModbusRtuFramer


class Drive:
    def __init__(self):
        self.lock = threading.Lock()
        self.enabled = False
        self.alarm = 0
        self.home_done = False
        self.start_pos = 0.0
        self.target = 0.0
        self.speed = 0.0
        self.start_time = time.monotonic()

    def position(self, now):
        if self.speed <= 0:
            return self.target
        travelled = self.speed * (now - self.start_time)
        distance = self.target - self.start_pos
        if travelled >= abs(distance):
            return self.target
        return self.start_pos + travelled * (1 if distance > 0 else -1)

    def moving(self, now):
        return self.position(now) != self.target

    def hold(self, now):
        self.start_pos = self.target = round(self.position(now))
        self.speed = 0.0


def s32(hi, lo):
    v = (hi << 16) | lo
    return v - (1 << 32) if v & 0x80000000 else v


class DriveBlock(ModbusSequentialDataBlock):
    def __init__(self, drive):
        super().__init__(0, [0] * 20)
        self.drive = drive

    def setValues(self, address, values):
        with self.drive.lock:
            super().setValues(address, values)
            now = time.monotonic()
            d = self.drive
            written = range(address, address + len(values))
            if 14 in written:
                if self.values[14] == 0:
                    d.enabled = False
                    d.hold(now)
                elif self.values[14] == 1 and not d.alarm:
                    d.enabled = True
            if 0 in written:
                self.command(self.values[0], now)

    def command(self, cmd, now):
        d = self.drive
        if cmd == 3:
            d.alarm = 0
            return
        if d.alarm or not d.enabled:
            return
        if cmd == 1:
            d.start_pos = d.position(now)
            d.target = s32(self.values[4], self.values[5])
            d.speed = float(s32(self.values[6], self.values[7]))
            d.start_time = now
        elif cmd == 2:
            d.hold(now)
        elif cmd == 4:
            d.hold(now)
            d.start_pos = d.target = 0
            d.home_done = True

    def getValues(self, address, count=1):
        with self.drive.lock:
            d = self.drive
            now = time.monotonic()
            pos = round(d.position(now))
            moving = d.moving(now)
            status = (
                (1 if d.enabled else 0)
                | (0 if moving else 2)
                | (4 if moving else 0)
                | (8 if d.alarm else 0)
                | (16 if d.home_done else 0)
            )
            self.values[1] = status
            self.values[2] = d.alarm
            self.values[12] = (pos >> 16) & 0xFFFF
            self.values[13] = pos & 0xFFFF
            return super().getValues(address, count)


def read_commands(drives, first):
    for line in sys.stdin:
        words = line.split()
        if len(words) in (2, 3) and words[0] == "alarm":
            drive = drives[int(words[2]) if len(words) == 3 else first]
            with drive.lock:
                drive.hold(time.monotonic())
                drive.alarm = int(words[1], 0)
                drive.enabled = False
            print("alarm", drive.alarm, flush=True)


def main():
    port = sys.argv[1]
    units = [int(u) for u in sys.argv[2:]]
    drives = {u: Drive() for u in units}
    context = ModbusServerContext(
        slaves={u: ModbusSlaveContext(hr=DriveBlock(d), zero_mode=True) for u, d in drives.items()},
        single=False,
    )
    threading.Thread(target=read_commands, args=(drives, units[0]), daemon=True).start()
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
