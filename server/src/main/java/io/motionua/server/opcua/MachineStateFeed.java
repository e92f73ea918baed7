package io.motionua.server.opcua;

import io.motionua.drivers.SignalStatus;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.axis.AxisState;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * The state of the machine as a whole (Machinery's MachineryItemState names: 0 NotAvailable, 1
 * OutOfService, 2 NotExecuting, 3 Executing) from the latest snapshot of every axis; documented in
 * docs/model.md. Axis observers call {@link #update} on their link threads; the sink hears only
 * changes.
 */
final class MachineStateFeed {

  static final int NOT_AVAILABLE = 0;
  static final int OUT_OF_SERVICE = 1;
  static final int NOT_EXECUTING = 2;
  static final int EXECUTING = 3;

  private final Map<String, AxisSnapshot> latest = new ConcurrentHashMap<>();
  private final int axes;
  private final IntConsumer sink;
  private int current = -1;

  /**
   * @param axes how many axes the machine has: until each has been heard from, NotAvailable
   * @param sink hears the state at once (NotAvailable) and then every change
   */
  MachineStateFeed(int axes, IntConsumer sink) {
    this.axes = axes;
    this.sink = sink;
    publish(NOT_AVAILABLE);
  }

  void update(String axis, AxisSnapshot snapshot) {
    latest.put(axis, snapshot);
    publish(latest.size() < axes ? NOT_AVAILABLE : of(latest.values()));
  }

  private synchronized void publish(int state) {
    if (state != current) {
      current = state;
      sink.accept(state);
    }
  }

  /**
   * NotAvailable while any axis was never read; OutOfService while any axis is in ErrorStop or its
   * drive's values are Bad (a missed poll, Uncertain, is not enough); Executing while any axis
   * homes, moves or stops; NotExecuting when all stand still or are disabled.
   */
  static int of(Collection<AxisSnapshot> snapshots) {
    if (snapshots.isEmpty()) {
      return NOT_AVAILABLE;
    }
    boolean moving = false;
    for (AxisSnapshot s : snapshots) {
      if (s.status() == SignalStatus.BAD_WAITING_FOR_INITIAL_DATA) {
        return NOT_AVAILABLE;
      }
    }
    for (AxisSnapshot s : snapshots) {
      boolean answering = s.isOnline() || s.status() == SignalStatus.UNCERTAIN_LAST_USABLE;
      if (s.state() == AxisState.ErrorStop || !answering) {
        return OUT_OF_SERVICE;
      }
      moving |= s.state() != AxisState.Disabled && s.state() != AxisState.Standstill;
    }
    return moving ? EXECUTING : NOT_EXECUTING;
  }
}
