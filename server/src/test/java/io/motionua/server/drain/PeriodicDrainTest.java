package io.motionua.server.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.Waits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PeriodicDrainTest {

  @Test
  void itemsReachTheSinkInOrderWithinAFewPeriods() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    try (PeriodicDrain<Integer> drain =
        new PeriodicDrain<>("test-drain", 10, Duration.ofMillis(5), seen::add)) {
      for (int i = 0; i < 5; i++) {
        assertTrue(drain.offer(i));
      }
      Waits.until(() -> seen.size() == 5, Duration.ofSeconds(10), () -> "drained: " + seen);
      assertEquals(List.of(0, 1, 2, 3, 4), seen);
    }
  }

  @Test
  void aFullQueueRefusesAtOnceAndCloseHandsOutWhatIsQueued() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch inHand = new CountDownLatch(1);
    List<Integer> seen = new CopyOnWriteArrayList<>();
    PeriodicDrain<Integer> drain =
        new PeriodicDrain<>(
            "test-drain",
            2,
            Duration.ofMillis(1),
            i -> {
              inHand.countDown();
              try {
                release.await(10, TimeUnit.SECONDS); // a slow sink
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              seen.add(i);
            });
    assertTrue(drain.offer(0));
    assertTrue(inHand.await(10, TimeUnit.SECONDS), "the thread took the first item");
    assertTrue(drain.offer(1));
    assertTrue(drain.offer(2));
    assertFalse(drain.offer(3), "two queued and one in hand: the fourth is refused");
    release.countDown();
    drain.close();
    assertEquals(List.of(0, 1, 2), seen, "close hands out what was queued");
    assertFalse(drain.offer(4), "closed");
  }
}
