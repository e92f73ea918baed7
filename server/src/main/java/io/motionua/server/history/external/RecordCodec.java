package io.motionua.server.history.external;

import io.motionua.server.history.EventRecord;
import io.motionua.server.history.Sample;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The payload of a log record: {@code 'S'} node, time, value, status for a value; {@code 'E'} and
 * the event's fields (strings as modified UTF-8, a null string as a 0 flag) for an event.
 */
final class RecordCodec {

  static final byte SAMPLE = 'S';
  static final byte EVENT = 'E';

  private RecordCodec() {}

  static byte[] encode(Object record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      if (record instanceof Sample s) {
        out.writeByte(SAMPLE);
        out.writeUTF(s.node());
        out.writeLong(s.timeMicros());
        out.writeDouble(s.value());
        out.writeLong(s.status());
      } else if (record instanceof EventRecord e) {
        out.writeByte(EVENT);
        out.writeLong(e.timeMicros());
        out.writeLong(e.receiveMicros());
        out.writeLong(e.seq());
        text(out, e.eventId());
        text(out, e.eventType());
        text(out, e.source());
        text(out, e.sourceName());
        text(out, e.message());
        out.writeInt(e.severity());
        text(out, e.condition());
        text(out, e.conditionName());
        out.writeByte(e.active());
        out.writeByte(e.acked());
        out.writeByte(e.confirmed());
        out.writeByte(e.retain());
        text(out, e.properties());
      } else {
        throw new IllegalArgumentException("not a history record: " + record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  static Logged decode(long seq, DataInputStream in) throws IOException {
    byte type = in.readByte();
    if (type == SAMPLE) {
      return new Logged(
          seq, new Sample(in.readUTF(), in.readLong(), in.readDouble(), in.readLong()), null);
    }
    if (type == EVENT) {
      EventRecord e =
          new EventRecord(
              in.readLong(),
              in.readLong(),
              in.readLong(),
              text(in),
              text(in),
              text(in),
              text(in),
              text(in),
              in.readInt(),
              text(in),
              text(in),
              in.readByte(),
              in.readByte(),
              in.readByte(),
              in.readByte(),
              text(in));
      return new Logged(seq, null, e);
    }
    throw new IOException("log record of unknown type " + type);
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      // writeUTF takes at most 65535 bytes: a longer text is cut (none of ours comes close).
      out.writeUTF(s.length() > 16_000 ? s.substring(0, 16_000) : s);
    }
  }

  private static String text(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
