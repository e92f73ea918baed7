package io.motionua.server.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.axis.AxisState;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one axis: its PLCopen state (as the state's number, and as one 0/1 series per state
 * for dashboards), position, speed, following error, and whether its drive's values are current.
 * Positions are load-side engineering units (degrees or mm), as in OPC UA.
 */
final class AxisMeters {

  private final AxisController axis;
  private AxisSnapshot snapshot;

  AxisMeters(AxisController axis, MeterRegistry registry) {
    this.axis = axis;
    refresh();
    Tags tags = Tags.of("axis", axis.name());
    gauge(
        registry,
        "motionua.axis.state.code",
        "PLCopen state as its AxisStateEnumeration value: 0 Disabled, 1 Standstill, 2 Homing, 3"
            + " DiscreteMotion, 4 ContinuousMotion, 5 SynchronizedMotion, 6 Stopping, 7 ErrorStop",
        tags,
        m -> m.snapshot.state().ordinal());
    for (AxisState state : AxisState.values()) {
      gauge(
          registry,
          "motionua.axis.state",
          "1 for the state the axis is in, 0 for the others",
          tags.and("state", state.name()),
          m -> m.snapshot.state() == state ? 1 : 0);
    }
    gauge(
        registry,
        "motionua.axis.position",
        "actual position, load side",
        tags,
        m -> m.axis.shownPosition(m.snapshot.position()));
    gauge(
        registry,
        "motionua.axis.speed",
        "actual speed, load side per second",
        tags,
        m -> m.snapshot.speed());
    gauge(
        registry,
        "motionua.axis.following.error",
        "commanded minus actual position, load side",
        tags,
        m -> m.snapshot.followingError());
    gauge(
        registry,
        "motionua.axis.online",
        "1 while the drive's values are current (Good in OPC UA)",
        tags,
        m -> m.snapshot.isOnline() ? 1 : 0);
  }

  void refresh() {
    snapshot = axis.snapshot();
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      ToDoubleFunction<AxisMeters> value) {
    Gauge.builder(name, this, value).description(description).tags(tags).register(registry);
  }
}
