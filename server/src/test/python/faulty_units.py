"""Units on an RTU line that answer badly, as a wrong baud rate, parity or a failing drive would.

Usage: faulty_units.py PORT GARBAGE_UNIT EXCEPTION_UNIT
Reads RTU requests from the serial device PORT (a pty end) and answers:
  GARBAGE_UNIT    in turn a response with a broken CRC and a well-formed response from another
                  unit id (what noise or a mismatched baud/parity makes of a frame);
  EXCEPTION_UNIT  Modbus exception 04 (server device failure) to every request;
other units are not on the line (no answer). Written without pymodbus so that it can break frames.
"""
import os
import sys
import termios
import tty


def crc16(data):
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return bytes([crc & 0xFF, crc >> 8])


def frame_length(buf):
    """Length of the request at the start of buf, or None while more bytes are needed."""
    if len(buf) < 2:
        return None
    fc = buf[1]
    if fc in (1, 2, 3, 4, 5, 6):
        return 8
    if fc in (15, 16):
        return 9 + buf[6] if len(buf) >= 7 else None
    return len(buf)  # unknown function: take what is there


def answer(request, garbage_unit, exception_unit, turn):
    unit, fc = request[0], request[1]
    if unit == exception_unit:
        body = bytes([unit, fc | 0x80, 0x04])
        return body + crc16(body)
    if unit != garbage_unit:
        return None
    if fc in (3, 4):
        count = (request[4] << 8) | request[5]
        body = bytes([unit, fc, 2 * count]) + bytes(2 * count)
    else:
        body = bytes(request[:6])
    if turn % 2 == 0:
        good = crc16(body)
        return body + bytes([good[0] ^ 0x5A, good[1]])  # CRC error
    other = bytes([(unit % 247) + 1]) + body[1:]
    return other + crc16(other)  # a frame from another unit id


def main():
    port, garbage_unit, exception_unit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    fd = os.open(port, os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    attrs = termios.tcgetattr(fd)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, attrs)
    buf = b""
    turn = 0
    while True:
        data = os.read(fd, 256)
        if not data:
            break
        buf += data
        while True:
            n = frame_length(buf)
            if n is None or len(buf) < n:
                break
            request, buf = buf[:n], buf[n:]
            if crc16(request[:-2]) != request[-2:]:
                buf = b""  # out of step: start again with the next request
                break
            response = answer(request, garbage_unit, exception_unit, turn)
            if response is not None:
                if request[0] == garbage_unit:
                    turn += 1
                os.write(fd, response)


if __name__ == "__main__":
    main()
