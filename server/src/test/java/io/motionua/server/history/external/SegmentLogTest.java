package io.motionua.server.history.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.history.EventRecord;
import io.motionua.server.history.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {

  private static List<byte[]> samples(int from, int count) {
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(RecordCodec.encode(new Sample("A/ActualPosition", i * 1000L, i * 0.5, 0)));
    }
    return out;
  }

  /** Reads and acknowledges everything there is, returning the values in the order read. */
  private static List<Double> drain(SegmentLog log) throws Exception {
    List<Double> values = new ArrayList<>();
    while (true) {
      SegmentLog.Batch batch = log.read(100, 0);
      if (batch.records().isEmpty()) {
        return values;
      }
      batch.records().forEach(r -> values.add(r.sample().value()));
      log.acknowledge(batch);
    }
  }

  private static long segments(Path dir) throws Exception {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().startsWith("seg-")).count();
    }
  }

  @Test
  void recordsComeBackInOrderOnceAcknowledgedNotAgainAfterAReopen(@TempDir Path dir)
      throws Exception {
    List<Logged> first;
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      assertEquals(0, log.append(samples(0, 10)));
      SegmentLog.Batch batch = log.read(4, 0);
      first = batch.records();
      assertEquals(List.of(1L, 2L, 3L, 4L), first.stream().map(Logged::seq).toList());
      assertEquals(new Sample("A/ActualPosition", 0, 0, 0), first.get(0).sample());
      log.acknowledge(batch);
      assertEquals(6, log.records());
    }
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      assertEquals(6, log.records());
      SegmentLog.Batch batch = log.read(100, 0);
      assertEquals(5L, batch.records().get(0).seq(), "the first not acknowledged");
      assertEquals(10L, batch.lastSeq());
      assertEquals(0, log.append(samples(10, 1)));
      log.acknowledge(batch);
      SegmentLog.Batch next = log.read(100, 0);
      assertEquals(List.of(11L), next.records().stream().map(Logged::seq).toList());
    }
  }

  @Test
  void anEmptyAcknowledgementFileSendsEverythingAgain(@TempDir Path dir) throws Exception {
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      log.append(samples(0, 3));
      log.acknowledge(log.read(10, 0));
    }
    Files.writeString(dir.resolve("acked"), "");
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      assertEquals(3, log.records());
      assertEquals(List.of(0.0, 0.5, 1.0), drain(log));
    }
  }

  @Test
  void anEventTravelsWithEveryField(@TempDir Path dir) throws Exception {
    EventRecord event =
        new EventRecord(
            5,
            6,
            7,
            "0a0b",
            "nsu=x;i=1",
            "nsu=x;s=J1",
            "J1",
            "fault",
            700,
            null,
            null,
            EventRecord.NONE,
            (byte) 0,
            (byte) 1,
            EventRecord.NONE,
            "[{\"ns\":\"urn:x\",\"name\":\"Link\",\"type\":\"String\",\"value\":\"bus\"}]");
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      log.append(List.of(RecordCodec.encode(event)));
      assertEquals(event, log.read(10, 0).records().get(0).event());
    }
  }

  @Test
  void aFullBufferRefusesTheNewestAndKeepsWhatItHolds(@TempDir Path dir) throws Exception {
    int frame = samples(0, 1).get(0).length + SegmentLog.FRAME_OVERHEAD;
    try (SegmentLog log = SegmentLog.open(dir, frame * 5L)) {
      assertEquals(3, log.append(samples(0, 8)));
      assertEquals(3, log.dropped());
      assertTrue(log.full());
      assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0), drain(log));
      assertEquals(0, log.append(samples(100, 2)), "room again once sent");
      assertTrue(!log.full());
      assertEquals(List.of(50.0, 50.5), drain(log));
    }
  }

  @Test
  void segmentsRollAndGoOnceSent(@TempDir Path dir) throws Exception {
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) { // segments of 128 KiB
      for (int i = 0; i < 40; i++) {
        assertEquals(0, log.append(samples(i * 100, 100)));
      }
      assertTrue(segments(dir) >= 2, "segments: " + segments(dir));
      List<Double> values = drain(log);
      assertEquals(4000, values.size());
      for (int i = 1; i < values.size(); i++) {
        assertEquals(values.get(i - 1) + 0.5, values.get(i), 1e-9, "in order at " + i);
      }
      assertEquals(1, segments(dir), "only the segment written to is left");
      assertEquals(0, log.unsentBytes());
    }
  }

  @Test
  void aRecordCutShortByACrashIsCutOffAndTheSequenceGoesOn(@TempDir Path dir) throws Exception {
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      log.append(samples(0, 3));
    }
    Path segment;
    try (Stream<Path> list = Files.list(dir)) {
      segment = list.filter(p -> p.getFileName().toString().startsWith("seg-")).findFirst().get();
    }
    long good = Files.size(segment);
    Files.write(segment, new byte[] {0, 0, 0, 40, 0, 0, 0}, StandardOpenOption.APPEND);
    try (SegmentLog log = SegmentLog.open(dir, 1 << 20)) {
      assertEquals(good, Files.size(segment));
      assertEquals(3, log.records());
      log.append(samples(3, 1));
      SegmentLog.Batch batch = log.read(10, 0);
      assertEquals(List.of(1L, 2L, 3L, 4L), batch.records().stream().map(Logged::seq).toList());
    }
  }
}
