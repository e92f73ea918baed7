package io.motionua.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriteTriggerTest {

  @Test
  void nobodyPassesUntilTheLastPartyArmsThenAllDo() throws Exception {
    WriteTrigger trigger = new WriteTrigger(3, Duration.ofSeconds(10));
    CountDownLatch passed = new CountDownLatch(2);
    List<CompletableFuture<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Object party = "link" + i;
      results.add(
          CompletableFuture.supplyAsync(
              () -> {
                boolean r = trigger.armAndAwait(party);
                passed.countDown();
                return r;
              }));
    }
    assertFalse(passed.await(200, TimeUnit.MILLISECONDS), "a party passed before the last armed");
    assertFalse(trigger.isReleased());
    assertTrue(trigger.armAndAwait("link2"), "the last party is released at once");
    assertTrue(passed.await(5, TimeUnit.SECONDS), "the waiting parties were not released");
    for (CompletableFuture<Boolean> r : results) {
      assertTrue(r.get(1, TimeUnit.SECONDS));
    }
  }

  @Test
  void aPartyThatWithdrewIsNotWaitedFor() {
    WriteTrigger trigger = new WriteTrigger(2, Duration.ofSeconds(10));
    trigger.withdraw("dead link");
    long t0 = System.nanoTime();
    assertTrue(trigger.armAndAwait("live link"));
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void eachPartyCountsOnceAndTheWaitIsBounded() {
    WriteTrigger trigger = new WriteTrigger(2, Duration.ofMillis(300));
    trigger.withdraw("a");
    long t0 = System.nanoTime();
    assertFalse(trigger.armAndAwait("a"), "the same party armed twice released the trigger");
    long waited = System.nanoTime() - t0;
    assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(300), "returned before its bound");
    assertFalse(trigger.isReleased());
    assertEquals(true, trigger.armAndAwait("b"));
  }
}
