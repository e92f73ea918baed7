package io.motionua.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.motionua.server.group.AxisGroup;
import io.motionua.server.group.CycleLateness;

/**
 * The meters of one axis group: its state, and for an interpolated group the lateness of its
 * fixed-period loop (runs, missed cycles, p99 and maximum start lateness since start).
 */
final class GroupMeters {

  private final AxisGroup group;
  private int state;
  private CycleLateness.Snapshot loop;

  GroupMeters(AxisGroup group, MeterRegistry registry) {
    this.group = group;
    refresh();
    Tags tags = Tags.of("group", group.name());
    Gauge.builder("motionua.group.state.code", this, m -> m.state)
        .description(
            "group state: 0 GroupDisabled, 1 GroupStandby, 2 GroupMoving, 3 GroupHoming, 4"
                + " GroupStopping, 5 GroupErrorStop")
        .tags(tags)
        .register(registry);
    if (loop == null) {
      return; // drive-profiles groups have no loop of their own
    }
    FunctionCounter.builder("motionua.group.loop.runs", this, m -> m.loop.runs())
        .description("cycles the interpolation loop ran")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder("motionua.group.loop.missed", this, m -> m.loop.missed())
        .description("cycles that started a whole period late or more")
        .tags(tags)
        .register(registry);
    Gauge.builder("motionua.group.loop.lateness.p99", this, m -> m.loop.p99Nanos() / 1e9)
        .description("99th percentile of how late a cycle started (5 us resolution)")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    Gauge.builder("motionua.group.loop.lateness.max", this, m -> m.loop.maxNanos() / 1e9)
        .description("the latest start of a cycle")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
  }

  void refresh() {
    state = group.state().ordinal();
    CycleLateness lateness = group.loopLateness();
    loop = lateness == null ? null : lateness.snapshot();
  }
}
