package io.motionua.server.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.motionua.drivers.SignalStatus;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.axis.AxisState;
import io.motionua.server.axis.DriveStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The machine's state from its axes (docs/model.md, "MachineState"). */
class MachineStateFeedTest {

  private static AxisSnapshot axis(AxisState state, SignalStatus status) {
    return new AxisSnapshot(
        0,
        0,
        0,
        0,
        20,
        new DriveStatus(false, true, false, 0, null, false, 0, 0),
        state,
        false,
        status,
        Instant.EPOCH);
  }

  @Test
  void mapsTheAxesStatesToMachineryItemStateNames() {
    var ok = SignalStatus.GOOD;
    assertEquals(MachineStateFeed.NOT_AVAILABLE, MachineStateFeed.of(List.of()));
    assertEquals(
        MachineStateFeed.NOT_AVAILABLE,
        MachineStateFeed.of(
            List.of(
                axis(AxisState.ErrorStop, ok),
                axis(AxisState.Disabled, SignalStatus.BAD_WAITING_FOR_INITIAL_DATA))));
    assertEquals(
        MachineStateFeed.NOT_EXECUTING,
        MachineStateFeed.of(List.of(axis(AxisState.Disabled, ok), axis(AxisState.Standstill, ok))));
    assertEquals(
        MachineStateFeed.EXECUTING,
        MachineStateFeed.of(
            List.of(axis(AxisState.Standstill, ok), axis(AxisState.DiscreteMotion, ok))));
    assertEquals(
        MachineStateFeed.EXECUTING,
        MachineStateFeed.of(
            List.of(
                axis(AxisState.Homing, SignalStatus.UNCERTAIN_LAST_USABLE),
                axis(AxisState.Standstill, ok))));
    assertEquals(
        MachineStateFeed.OUT_OF_SERVICE,
        MachineStateFeed.of(
            List.of(axis(AxisState.DiscreteMotion, ok), axis(AxisState.ErrorStop, ok))));
    assertEquals(
        MachineStateFeed.OUT_OF_SERVICE,
        MachineStateFeed.of(
            List.of(
                axis(AxisState.Standstill, ok),
                axis(AxisState.Standstill, SignalStatus.BAD_NO_COMMUNICATION))));
  }

  @Test
  void tellsOnlyChangesAndWaitsForEveryAxis() {
    List<Integer> heard = new ArrayList<>();
    MachineStateFeed feed = new MachineStateFeed(2, heard::add);
    feed.update("J1", axis(AxisState.Standstill, SignalStatus.GOOD));
    feed.update("J1", axis(AxisState.Standstill, SignalStatus.GOOD));
    feed.update("J2", axis(AxisState.Standstill, SignalStatus.GOOD));
    feed.update("J2", axis(AxisState.Standstill, SignalStatus.GOOD));
    feed.update("J1", axis(AxisState.ErrorStop, SignalStatus.GOOD));
    assertEquals(
        List.of(
            MachineStateFeed.NOT_AVAILABLE,
            MachineStateFeed.NOT_EXECUTING,
            MachineStateFeed.OUT_OF_SERVICE),
        heard);
  }
}
