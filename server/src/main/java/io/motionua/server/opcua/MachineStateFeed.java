package io.motionua.server.opcua;

import io.motionua.drivers.SignalStatus;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.axis.AxisState;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;

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
  private final ToIntFunction<Collection<AxisSnapshot>> mapping;
  private final IntConsumer sink;
  private int current = -1;

  /**
   * @param axes how many axes the machine has: until each has been heard from, NotAvailable
   * @param sink hears the state at once (NotAvailable) and then every change
   */
  MachineStateFeed(int axes, IntConsumer sink) {
    this(axes, MachineStateFeed::of, sink);
  }

  /**
   * A feed of another mapping of the axes (e.g. {@link #operationMode}); its value 0 stands until
   * every axis has been heard from.
   */
  MachineStateFeed(int axes, ToIntFunction<Collection<AxisSnapshot>> mapping, IntConsumer sink) {
    this.axes = axes;
    this.mapping = mapping;
    this.sink = sink;
    publish(0);
  }

  void update(String axis, AxisSnapshot snapshot) {
    latest.put(axis, snapshot);
    publish(latest.size() < axes ? 0 : mapping.applyAsInt(latest.values()));
  }

  static final int MODE_NONE = 0;
  static final int MODE_MAINTENANCE = 1;
  static final int MODE_SETUP = 2;
  static final int MODE_PROCESSING = 3;

  /**
   * Machinery's MachineryOperationMode from the axes: None while any axis was never read or all are
   * disabled; Setup while any powered axis is not homed yet (homing is setting up); Processing when
   * the powered axes are all homed. Maintenance is never reported: nothing in the machine file or
   * the drives says so.
   */
  static int operationMode(Collection<AxisSnapshot> snapshots) {
    boolean powered = false;
    for (AxisSnapshot s : snapshots) {
      if (s.status() == SignalStatus.BAD_WAITING_FOR_INITIAL_DATA) {
        return MODE_NONE;
      }
      if (s.state() != AxisState.Disabled) {
        powered = true;
        if (!s.homed()) {
          return MODE_SETUP;
        }
      }
    }
    return powered ? MODE_PROCESSING : MODE_NONE;
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
