package io.motionua.server.history;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.Test;

class RecordingFilterTest {

  private static final long GOOD = StatusCodes.Good;
  private static final long MS = 1000; // micros

  @Test
  void changesWithinTheDeadbandAreSkippedAndBeyondItKept() {
    RecordingFilter f = new RecordingFilter(0.5, 0);
    assertTrue(f.accept(10.0, GOOD, 0), "the first value");
    assertFalse(f.accept(10.4, GOOD, 10 * MS));
    assertFalse(
        f.accept(9.6, GOOD, 20 * MS), "measured from the last kept value, not the last seen");
    assertTrue(f.accept(10.6, GOOD, 30 * MS));
    assertFalse(f.accept(10.6, GOOD, 40 * MS));
  }

  @Test
  void withoutDeadbandEveryChangeIsKeptAndRepeatsAreNot() {
    RecordingFilter f = new RecordingFilter(0, 0);
    assertTrue(f.accept(1.0, GOOD, 0));
    assertFalse(f.accept(1.0, GOOD, 1000 * MS));
    assertTrue(f.accept(1.000001, GOOD, 2000 * MS));
  }

  @Test
  void anUnchangedValueIsKeptOncePerMaxInterval() {
    RecordingFilter f = new RecordingFilter(0, 100);
    assertTrue(f.accept(5.0, GOOD, 0));
    assertFalse(f.accept(5.0, GOOD, 99 * MS));
    assertTrue(f.accept(5.0, GOOD, 100 * MS));
    assertFalse(f.accept(5.0, GOOD, 150 * MS), "the interval restarts at the kept value");
    assertTrue(f.accept(5.0, GOOD, 200 * MS));
  }

  @Test
  void aChangeOfStatusIsAlwaysKeptSoABadPeriodIsRecorded() {
    RecordingFilter f = new RecordingFilter(100, 0);
    assertTrue(f.accept(5.0, GOOD, 0));
    assertTrue(f.accept(5.0, StatusCodes.Bad_NoCommunication, 10 * MS));
    assertFalse(f.accept(5.0, StatusCodes.Bad_NoCommunication, 20 * MS));
    assertTrue(f.accept(5.0, GOOD, 30 * MS), "the end of the Bad period");
  }

  @Test
  void aMissingValueAndItsReturnAreChanges() {
    RecordingFilter f = new RecordingFilter(1, 0);
    assertTrue(f.accept(Double.NaN, StatusCodes.Bad_WaitingForInitialData, 0));
    assertFalse(f.accept(Double.NaN, StatusCodes.Bad_WaitingForInitialData, 10 * MS));
    assertTrue(f.accept(3.0, StatusCodes.Bad_WaitingForInitialData, 20 * MS));
  }
}
