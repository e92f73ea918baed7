package io.motionua.server.sparkplug;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportByExceptionTest {

  private static final MetricDefinition POSITION =
      new MetricDefinition("Axes/J1/ParameterSet/ActualPosition", 1, MetricType.DOUBLE, "deg", 0.5);
  private static final MetricDefinition STATE =
      new MetricDefinition("Axes/J1/ParameterSet/AxisState", 2, MetricType.STRING, "", 0);

  @Test
  void aChangeWithinTheDeadbandIsNotReportedAndIsMeasuredFromTheLastReportedValue() {
    ReportByException rbe = new ReportByException();
    assertTrue(rbe.changed(POSITION, 10.0), "the first value");
    assertFalse(rbe.changed(POSITION, 10.4));
    assertFalse(rbe.changed(POSITION, 10.5), "equal to the deadband is not more than it");
    assertTrue(rbe.changed(POSITION, 10.6));
    assertFalse(rbe.changed(POSITION, 10.9), "0.3 from 10.6, the last reported");
  }

  @Test
  void aBirthSetsTheReferenceAndTextsReportEveryChange() {
    ReportByException rbe = new ReportByException();
    rbe.born(POSITION, 20.0);
    assertFalse(rbe.changed(POSITION, 20.2));
    rbe.born(STATE, "Standstill");
    assertFalse(rbe.changed(STATE, "Standstill"));
    assertTrue(rbe.changed(STATE, "DiscreteMotion"));
  }

  @Test
  void aZeroDeadbandReportsEveryChangeButNoRepeat() {
    MetricDefinition exact = new MetricDefinition("x", 3, MetricType.DOUBLE, "", 0);
    ReportByException rbe = new ReportByException();
    assertTrue(rbe.changed(exact, 1.0));
    assertFalse(rbe.changed(exact, 1.0));
    assertTrue(rbe.changed(exact, 1.0000001));
  }
}
