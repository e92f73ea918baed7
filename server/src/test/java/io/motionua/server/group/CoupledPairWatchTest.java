package io.motionua.server.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CoupledPairWatchTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private static Instant at(double millis) {
    return T0.plusNanos(Math.round(millis * 1e6));
  }

  @Test
  void twinsSampledAtDifferentMomentsAreComparedAtTheSameMoment() {
    CoupledPairWatch w = new CoupledPairWatch(new double[] {0, 0}, new double[] {1000, 1000}, 2);
    assertNull(w.sample(0, 10, 500, at(20)));
    // 5 ms later at 500 mm/s the twin is 2.5 mm further, exactly where X1 is carried to.
    assertNull(w.sample(1, 12.5, 500, at(25)));
    // Without carrying X1 forward this would look like 2.5 mm apart, beyond the tolerance.
    assertNull(w.sample(0, 15, 500, at(30)));
  }

  @Test
  void theTwinThatStaysBehindIsNamedAsLaggingAtItsSecondSample() {
    CoupledPairWatch w = new CoupledPairWatch(new double[] {0, 0}, new double[] {1000, 1000}, 2);
    w.sample(0, 10, 500, at(20));
    assertNull(w.sample(1, 9, 300, at(25)), "3.5 mm behind once: not yet confirmed");
    assertNull(w.sample(0, 20, 500, at(40)), "a newer X1 sample, but the same X2 sample");
    CoupledPairWatch.Divergence d = w.sample(1, 16, 300, at(45));
    assertNotNull(d, "behind again with a newer sample of both");
    assertEquals(1, d.lagging());
    assertEquals(0, d.leading());
    assertEquals(6.5, d.difference(), 1e-9);
  }

  @Test
  void oneSampleWithALateTimestampDoesNotTrip() {
    // X2's reply was decoded 5 ms late: at 500 mm/s its position looks 2.5 mm behind.
    CoupledPairWatch w = new CoupledPairWatch(new double[] {0, 0}, new double[] {1000, 1000}, 2);
    assertNull(w.sample(0, 10, 500, at(20)));
    assertNull(w.sample(1, 12.5, 500, at(30)));
    assertNull(w.sample(0, 20, 500, at(40)));
    assertNull(w.sample(1, 22.5, 500, at(45)));
    assertNull(w.sample(0, 30, 500, at(60)));
  }

  @Test
  void movingDownTheOneThatMovedLessLags() {
    CoupledPairWatch w = new CoupledPairWatch(new double[] {100, 102}, new double[] {0, 2}, 2);
    w.sample(0, 90, 0, at(0));
    w.sample(1, 97, 0, at(0));
    w.sample(0, 90, 0, at(10));
    CoupledPairWatch.Divergence d = w.sample(1, 97, 0, at(10));
    assertNotNull(d);
    assertEquals(1, d.lagging(), "X2 moved 5, X1 moved 10");
    assertEquals(5, d.difference(), 1e-9);
  }

  @Test
  void samplesTooFarApartAreNotCompared() {
    CoupledPairWatch w = new CoupledPairWatch(new double[] {0, 0}, new double[] {1000, 1000}, 2);
    w.sample(0, 10, 0, at(0));
    assertNull(w.sample(1, 0, 0, at(30)), "30 ms apart: the carried position is not trusted");
    assertNull(w.sample(1, 0, 0, at(20)), "20 ms apart: compared, beyond once");
    w.sample(0, 10, 0, at(21));
    assertNotNull(w.sample(1, 0, 0, at(22)), "beyond again with newer samples of both");
  }

  @Test
  void backWithinTheToleranceForgetsAnEarlierDifference() {
    CoupledPairWatch w = new CoupledPairWatch(new double[] {0, 0}, new double[] {1000, 1000}, 2);
    w.sample(0, 10, 0, at(0));
    assertNull(w.sample(1, 5, 0, at(1)));
    assertNull(w.sample(0, 6, 0, at(2)), "within 2 mm again");
    assertNull(w.sample(1, 1, 0, at(3)), "beyond, but the earlier difference was forgotten");
  }

  @Test
  void unequalTravelOfCoupledAxesIsNamed() {
    String[] names = {"X1", "X2"};
    assertNull(
        CoupledPairWatch.unequalTravel(new double[] {0, 0.5}, new double[] {100, 100}, names, 2));
    String why =
        CoupledPairWatch.unequalTravel(new double[] {0, 0}, new double[] {100, 103}, names, 2);
    assertNotNull(why);
    assertTrue(why.contains("X1 would move 100.0, X2 103.0"), why);
  }
}
