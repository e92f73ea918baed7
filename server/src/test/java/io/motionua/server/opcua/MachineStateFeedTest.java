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

  private static AxisSnapshot axis(AxisState state, boolean homed) {
    return new AxisSnapshot(
        0,
        0,
        0,
        0,
        20,
        new DriveStatus(false, true, false, 0, null, false, 0, 0),
        state,
        homed,
        SignalStatus.GOOD,
        Instant.EPOCH);
  }

  @Test
  void operationModeIsNoneSetupOrProcessing() {
    assertEquals(
        MachineStateFeed.MODE_NONE,
        MachineStateFeed.operationMode(
            List.of(axis(AxisState.Disabled, false), axis(AxisState.Disabled, true))));
    assertEquals(
        MachineStateFeed.MODE_NONE,
        MachineStateFeed.operationMode(
            List.of(
                axis(AxisState.Standstill, true),
                axis(AxisState.Disabled, SignalStatus.BAD_WAITING_FOR_INITIAL_DATA))));
    assertEquals(
        MachineStateFeed.MODE_SETUP,
        MachineStateFeed.operationMode(
            List.of(axis(AxisState.Homing, false), axis(AxisState.Standstill, true))));
    assertEquals(
        MachineStateFeed.MODE_PROCESSING,
        MachineStateFeed.operationMode(
            List.of(axis(AxisState.DiscreteMotion, true), axis(AxisState.Disabled, false))));
  }

  @Test
  void driveHealthIsFailureOnAFaultAndOffSpecAboveTheMotorsLimit() {
    AxisSnapshot ok = axis(AxisState.Standstill, true);
    assertEquals(DriveNodes.NORMAL, DriveNodes.health(ok, 80));
    assertEquals(DriveNodes.OFF_SPEC, DriveNodes.health(ok, 15));
    AxisSnapshot fault =
        new AxisSnapshot(
            0,
            0,
            0,
            0,
            20,
            new DriveStatus(false, true, true, 0x7500, null, false, 0, 0),
            AxisState.ErrorStop,
            true,
            SignalStatus.GOOD,
            Instant.EPOCH);
    assertEquals(DriveNodes.FAILURE, DriveNodes.health(fault, 15));
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
