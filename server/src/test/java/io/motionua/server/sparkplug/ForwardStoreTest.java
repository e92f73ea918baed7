package io.motionua.server.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardStoreTest {

  private static final MetricDefinition POSITION =
      new MetricDefinition("P", 1, MetricType.DOUBLE, "deg", 0);
  private static final MetricDefinition HOMED =
      new MetricDefinition("H", 2, MetricType.BOOLEAN, "", 0);
  private static final MetricDefinition STATE =
      new MetricDefinition("S", 3, MetricType.STRING, "", 0);
  private static final MetricDefinition WORD =
      new MetricDefinition("W", 4, MetricType.INT32, "", 0);
  private static final Map<Long, MetricDefinition> BY_ALIAS =
      Map.of(1L, POSITION, 2L, HOMED, 3L, STATE, 4L, WORD);

  @TempDir Path dir;

  private static List<MetricSample> samples(int i) {
    Instant t = Instant.ofEpochMilli(1_700_000_000_000L + i * 20L);
    return List.of(
        new MetricSample(POSITION, i * 0.5, t),
        new MetricSample(HOMED, i % 2 == 0, t),
        new MetricSample(STATE, "DiscreteMotion", t),
        new MetricSample(WORD, 0x1237, t));
  }

  @Test
  void everyRecordComesBackOnceInOrderWithItsValuesAndTimestamps() throws Exception {
    ForwardStore store = new ForwardStore(dir.resolve("sparkplug/forward.bin"), 1 << 20);
    for (int i = 0; i < 100; i++) {
      assertTrue(store.append(i % 2 == 0 ? "J1-drive" : "J2-drive", samples(i)));
    }
    store.flush();
    List<String> devices = new ArrayList<>();
    List<List<MetricSample>> got = new ArrayList<>();
    store.forward(
        BY_ALIAS,
        (device, s) -> {
          devices.add(device);
          got.add(s);
          return true;
        });
    assertEquals(100, got.size());
    for (int i = 0; i < 100; i++) {
      assertEquals(i % 2 == 0 ? "J1-drive" : "J2-drive", devices.get(i));
      assertEquals(samples(i).toString(), got.get(i).toString(), "record " + i);
    }
    assertTrue(store.isEmpty());
    List<Object> again = new ArrayList<>();
    store.forward(BY_ALIAS, (device, s) -> again.add(s));
    assertEquals(List.of(), again, "forwarded records are gone");
  }

  @Test
  void theDepthCountsRecordsAndIsReadBackFromAStoreLeftByAnEarlierRun() throws Exception {
    Path file = dir.resolve("forward.bin");
    ForwardStore store = new ForwardStore(file, 1 << 20);
    for (int i = 0; i < 7; i++) {
      store.append("J1-drive", samples(i));
    }
    assertEquals(7, store.records());
    store.close();
    ForwardStore reopened = new ForwardStore(file, 1 << 20);
    assertEquals(7, reopened.records(), "counted from the file at start");
    int[] refuseFrom = {3};
    reopened.forward(BY_ALIAS, (d, s) -> refuseFrom[0]-- > 0);
    assertEquals(4, reopened.records(), "the refused records and the later ones are back");
    reopened.forward(BY_ALIAS, (d, s) -> true);
    assertEquals(0, reopened.records());
  }

  @Test
  void aFullStoreDropsNewerDataAndCountsIt() throws Exception {
    ForwardStore store = new ForwardStore(dir.resolve("forward.bin"), 1000);
    int kept = 0;
    for (int i = 0; i < 50; i++) {
      if (store.append("J1-drive", samples(i))) {
        kept++;
      }
    }
    assertTrue(kept > 0 && kept < 50, "kept " + kept);
    assertEquals(50 - kept, store.dropped());
    assertTrue(store.bytes() <= 1000);
    List<Double> positions = new ArrayList<>();
    store.forward(BY_ALIAS, (d, s) -> positions.add((Double) s.get(0).value()));
    assertEquals(0.0, positions.get(0), "the oldest are the ones kept");
    assertEquals(kept, positions.size());
  }

  @Test
  void recordsRefusedWhileForwardingGoBackInOrder() throws Exception {
    ForwardStore store = new ForwardStore(dir.resolve("forward.bin"), 1 << 20);
    for (int i = 0; i < 10; i++) {
      store.append("J1-drive", samples(i));
    }
    List<Double> sent = new ArrayList<>();
    store.forward(
        BY_ALIAS,
        (d, s) -> {
          if (sent.size() == 4) {
            return false; // the connection went
          }
          sent.add((Double) s.get(0).value());
          return true;
        });
    assertEquals(List.of(0.0, 0.5, 1.0, 1.5), sent);
    assertFalse(store.isEmpty());
    List<Double> rest = new ArrayList<>();
    store.forward(BY_ALIAS, (d, s) -> rest.add((Double) s.get(0).value()));
    assertEquals(List.of(2.0, 2.5, 3.0, 3.5, 4.0, 4.5), rest);
  }

  @Test
  void recordsOfAForwardCutShortByACrashComeFirstAfterARestart() throws Exception {
    Path file = dir.resolve("forward.bin");
    ForwardStore before = new ForwardStore(file, 1 << 20);
    before.append("J1-drive", samples(0));
    before.append("J1-drive", samples(1));
    before.close();
    // The crash: the store had been renamed for forwarding, and newer data is in a new store.
    java.nio.file.Files.move(file, dir.resolve("forward.bin.sending"));
    ForwardStore newer = new ForwardStore(dir.resolve("other.bin"), 1 << 20);
    newer.append("J1-drive", samples(2));
    newer.close();
    java.nio.file.Files.move(dir.resolve("other.bin"), file);
    ForwardStore after = new ForwardStore(file, 1 << 20);
    after.append("J1-drive", samples(3));
    List<Double> positions = new ArrayList<>();
    after.forward(BY_ALIAS, (d, s) -> positions.add((Double) s.get(0).value()));
    assertEquals(List.of(0.0, 0.5, 1.0, 1.5), positions);
    assertFalse(java.nio.file.Files.exists(dir.resolve("forward.bin.sending")));
  }
}
