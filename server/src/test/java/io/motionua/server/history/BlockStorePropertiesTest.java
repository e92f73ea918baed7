package io.motionua.server.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import org.eclipse.milo.opcua.stack.core.StatusCodes;

/**
 * The store's reads against a plain sorted list: values written in random order over several
 * commits (so that late values make blocks that overlap), then every kind of read, either way, with
 * pages anywhere, must give what the list gives.
 */
class BlockStorePropertiesTest {

  private static final long T0 = 1_780_000_000_000_000L;
  private static final AtomicInteger TRIES = new AtomicInteger();
  private static HistoryStore store;

  private static synchronized HistoryStore store() throws Exception {
    if (store == null) {
      store = HistoryStore.open(Files.createTempDirectory("motionua-blocks").resolve("history"));
    }
    return store;
  }

  @AfterContainer
  static void close() {
    if (store != null) {
      store.close();
    }
  }

  @Property(tries = 150)
  void everyReadGivesWhatTheSortedValuesGive(
      @ForAll @Size(min = 1, max = 150) List<@LongRange(min = 0, max = 12_000) Long> millis,
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 150) Integer> commits,
      @ForAll @IntRange(min = 0, max = 160) int skip,
      @ForAll @IntRange(min = 1, max = 40) int limit,
      @ForAll @LongRange(min = -500, max = 12_500) long probeMillis,
      @ForAll @LongRange(min = 1, max = 5_000) long intervalMillis)
      throws Exception {
    HistoryStore s = store();
    String node = "p" + TRIES.incrementAndGet();
    // Distinct times, in the order generated (not sorted): late values are the point.
    Set<Long> times = new LinkedHashSet<>();
    for (long m : millis) {
      times.add(T0 + m * 1000 + (m % 7)); // off the millisecond now and then
    }
    List<Sample> written = new ArrayList<>();
    int k = 0;
    for (long t : times) {
      long status = k % 5 == 3 ? StatusCodes.Bad_NoCommunication : StatusCodes.Good;
      written.add(new Sample(node, t, k, status));
      k++;
    }
    int at = 0;
    for (int c = 0; at < written.size(); c = (c + 1) % commits.size()) {
      int n = Math.min(commits.get(c), written.size() - at);
      s.append(written.subList(at, at + n));
      s.commit();
      at += n;
    }
    List<Sample> sorted = new ArrayList<>(written);
    sorted.sort(Comparator.comparingLong(Sample::timeMicros));
    List<Sample> backward = new ArrayList<>(sorted);
    java.util.Collections.reverse(backward);
    long from = T0 + 1_000_000;
    long to = T0 + 9_000_000;
    long probe = T0 + probeMillis * 1000;

    assertEquals(sorted, s.read(node, 0, Long.MAX_VALUE, false, 0, 10_000));
    assertEquals(backward, s.read(node, 0, Long.MAX_VALUE, true, 0, 10_000));
    assertEquals(
        page(within(sorted, from, to), skip, limit), s.read(node, from, to, false, skip, limit));
    assertEquals(
        page(within(backward, from, to), skip, limit), s.read(node, from, to, true, skip, limit));
    assertEquals(
        last(sorted, x -> x.timeMicros() <= probe), s.atOrBefore(node, probe), "at or before");
    assertEquals(
        first(sorted, x -> x.timeMicros() >= probe), s.atOrAfter(node, probe), "at or after");
    assertEquals(last(sorted, x -> x.timeMicros() < probe), s.before(node, probe, false));
    assertEquals(
        last(sorted, x -> x.timeMicros() < probe && HistoryStore.good(x.status())),
        s.before(node, probe, true),
        "the Good value before");
    long interval = intervalMillis * 1000;
    assertEquals(
        buckets(within(sorted, from, to), from, interval), s.aggregate(node, from, to, interval));
  }

  private static List<Sample> within(List<Sample> samples, long from, long to) {
    return samples.stream().filter(x -> x.timeMicros() >= from && x.timeMicros() < to).toList();
  }

  private static List<Sample> page(List<Sample> samples, int skip, int limit) {
    return samples.subList(Math.min(skip, samples.size()), Math.min(skip + limit, samples.size()));
  }

  private static List<Sample> last(List<Sample> samples, java.util.function.Predicate<Sample> p) {
    List<Sample> matching = samples.stream().filter(p).toList();
    return matching.isEmpty() ? List.of() : List.of(matching.get(matching.size() - 1));
  }

  private static List<Sample> first(List<Sample> samples, java.util.function.Predicate<Sample> p) {
    return samples.stream().filter(p).limit(1).toList();
  }

  /** The figures per interval, computed the plain way. */
  private static Map<Long, HistoryStore.Bucket> buckets(
      List<Sample> samples, long from, long interval) {
    Map<Long, List<Sample>> byInterval = new HashMap<>();
    for (Sample x : samples) {
      byInterval.computeIfAbsent((x.timeMicros() - from) / interval, i -> new ArrayList<>()).add(x);
    }
    Map<Long, HistoryStore.Bucket> out = new HashMap<>();
    byInterval.forEach(
        (i, xs) -> {
          List<Double> good =
              xs.stream().filter(x -> HistoryStore.good(x.status())).map(Sample::value).toList();
          out.put(
              i,
              good.isEmpty()
                  ? new HistoryStore.Bucket(
                      xs.size(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                  : new HistoryStore.Bucket(
                      xs.size(),
                      good.size(),
                      good.stream().reduce(0.0, Double::sum) / good.size(),
                      good.stream().mapToDouble(d -> d).min().orElseThrow(),
                      good.stream().mapToDouble(d -> d).max().orElseThrow(),
                      good.get(0),
                      good.get(good.size() - 1)));
        });
    return out;
  }
}
