package io.motionua.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.sim.SimFault;
import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisState;
import io.motionua.server.axis.Cia402;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two Power(true) on one axis at once (enableOnStart still powering it when a GroupEnable comes)
 * run one CiA 402 sequence: the second joins the first instead of interleaving its controlwords.
 */
class PowerSequenceIT {

  @Test
  void aSecondPowerOnJoinsTheSequenceInFlight() throws Exception {
    try (DemoFixture demo = DemoFixture.start()) {
      AxisController j2 = demo.motionUa().axes().get("J2");
      j2.online(Duration.ofSeconds(10)).get(12, TimeUnit.SECONDS);
      j2.power(true).get(5, TimeUnit.SECONDS); // enableOnStart's sequence is over
      j2.power(false).get(5, TimeUnit.SECONDS);
      // Every request to J2's drive arrives 40 ms late: one sequence (three writes, each followed
      // by a poll that shows its state) then lasts several hundred ms, so the two overlap surely.
      demo.motionUa().simulator("arm-bus").setFault(2, SimFault.slowRequest(Duration.ofMillis(40)));
      long writesBefore = demo.motionUa().simulator("arm-bus").drive(2).controlwordWrites();
      long[] done = new long[2];
      CompletableFuture<Void> first;
      CompletableFuture<Void> second;
      long t0 = System.nanoTime();
      try {
        first = j2.power(true).whenComplete((v, e) -> done[0] = System.nanoTime());
        Thread.sleep(120);
        second = j2.power(true).whenComplete((v, e) -> done[1] = System.nanoTime());
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
      } finally {
        demo.motionUa().simulator("arm-bus").setFault(2, SimFault.none());
      }
      long writes =
          demo.motionUa().simulator("arm-bus").drive(2).controlwordWrites() - writesBefore;
      double sequenceMs = (done[0] - t0) / 1e6;
      double apartMs = Math.abs(done[1] - done[0]) / 1e6;
      System.out.printf(
          "power-on sequence %.0f ms, %d controlword writes; the second Power(true) completed %.1f"
              + " ms apart%n",
          sequenceMs, writes, apartMs);
      assertTrue(sequenceMs > 150, "the sequence took only " + sequenceMs + " ms: no overlap");
      // One sequence: shutdown, switch on, enable operation. Two interleaved ones would write six.
      assertEquals(3, writes, "controlword writes for two overlapping Power(true)");
      assertTrue(apartMs < 60, "the second ended " + apartMs + " ms after the first");
      assertTrue(Cia402.isOperationEnabled(j2.snapshot().statusword()));
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (j2.snapshot().state() != AxisState.Standstill && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(AxisState.Standstill, j2.snapshot().state());
    }
  }
}
