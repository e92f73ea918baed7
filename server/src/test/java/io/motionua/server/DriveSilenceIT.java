package io.motionua.server;

import static io.motionua.server.AxisProbe.awaitState;
import static io.motionua.server.AxisProbe.until;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.SignalStatus;
import io.motionua.drivers.sim.SimFault;
import io.motionua.server.axis.AxisSnapshot;
import io.motionua.server.axis.AxisState;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drive that stops answering, seen by an OPC UA client (issue 13, drive faults): every value that
 * comes from it (the axis's positions, speed and following error, the drive's status word, the
 * motor's temperature) turns Uncertain_LastUsableValue at its first missed answer, with the last
 * good value and that value's source time, Bad_NoCommunication once {@code staleAfterMs} passed,
 * and Good again at the next answer. The axis's state waits for the end of the poll: it leaves
 * Standstill (for ErrorStop: the drive was powered) only after the retries, so Uncertain comes
 * first.
 */
class DriveSilenceIT {

  private static final String MACHINE =
      """
      server: { port: 0, bindAddress: 127.0.0.1, hostnames: [127.0.0.1], anonymous: operator, securityNone: true }
      machine: { name: Cell, motionDevice: Arm }
      links:
        - { name: bus, host: 127.0.0.1, port: 0, simulated: true, timeoutMs: 500, retries: 2, pollMs: 20, staleAfterMs: 3000 }
      drives:
        - { name: d1, link: bus, unitId: 1 }
        - { name: d2, link: bus, unitId: 2 }
      motors:
        - { name: m1, drive: d1 }
        - { name: m2, drive: d2 }
      reducers:
        - { name: g, ratio: 10 }
      axes:
        - { name: J1, motor: m1, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
        - { name: J2, motor: m2, reducer: g, enableOnStart: true, limits: { min: -90, max: 90, velocity: 180, acceleration: 720 } }
      """;

  @TempDir Path dir;

  @Test
  void aSilentDrivesValuesAreUncertainThenBadThenGoodAgain() throws Exception {
    Path file = dir.resolve("machine.yaml");
    Files.writeString(file, MACHINE);
    MachineConfig config = ConfigLoader.load(file).withPort(ListenPorts.choose());
    try (MotionUa motionUa = new MotionUa(config, dir.resolve("data"))) {
      motionUa.start();
      try (UaTestClient client = AxisProbe.connect(motionUa)) {
        NodeId axes = client.path(NodeIds.ObjectsFolder, "Cell", "MotionDevices", "Arm", "Axes");
        NodeId powerTrain =
            client.path(
                NodeIds.ObjectsFolder,
                "Cell",
                "MotionDevices",
                "Arm",
                "PowerTrains",
                "J1-PowerTrain");
        awaitState(client, axes, "J1", AxisState.Standstill);
        awaitState(client, axes, "J2", AxisState.Standstill);

        Map<String, NodeId> driveValues = new LinkedHashMap<>();
        for (String name : new String[] {"ActualPosition", "ActualSpeed", "FollowingError"}) {
          driveValues.put(name, client.path(axes, "J1", "ParameterSet", name));
        }
        driveValues.put("Statusword", client.path(powerTrain, "Drive", "Statusword"));
        driveValues.put(
            "MotorTemperature",
            client.path(powerTrain, "Motor", "ParameterSet", "MotorTemperature"));
        NodeId state = client.path(axes, "J1", "ParameterSet", "AxisState");
        NodeId otherPosition = client.path(axes, "J2", "ParameterSet", "ActualPosition");

        OpcUaSubscription subscription = new OpcUaSubscription(client.milo(), 50.0);
        subscription.create();
        Map<String, List<DataValue>> seen = new LinkedHashMap<>();
        for (Map.Entry<String, NodeId> e : driveValues.entrySet()) {
          seen.put(e.getKey(), monitor(subscription, e.getValue()));
        }
        List<DataValue> states = monitor(subscription, state);
        subscription.synchronizeMonitoredItems();
        for (Map.Entry<String, List<DataValue>> e : seen.entrySet()) {
          until(() -> !e.getValue().isEmpty() && isGood(last(e.getValue())), () -> e.getKey());
        }
        until(() -> !states.isEmpty(), () -> "AxisState notified");

        // What the axis published, in order, on its link thread.
        List<AxisSnapshot> published = new CopyOnWriteArrayList<>();
        motionUa.axes().get("J1").addObserver(published::add);

        motionUa.simulator("bus").setFault(1, SimFault.noReply());
        List<DataValue> positions = seen.get("ActualPosition");
        until(
            () -> code(last(positions)) == StatusCodes.Bad_NoCommunication,
            () -> "ActualPosition Bad_NoCommunication, seen " + codes(positions));
        DateTime frozen = new DateTime(motionUa.axes().get("J1").snapshot().sourceTime());
        for (Map.Entry<String, List<DataValue>> e : seen.entrySet()) {
          until(
              () -> code(last(e.getValue())) == StatusCodes.Bad_NoCommunication,
              () -> e.getKey() + " Bad_NoCommunication, seen " + codes(e.getValue()));
          assertUncertainBetweenGoodAndBad(e.getKey(), e.getValue(), frozen);
        }
        // The values turned Uncertain at the first missed answer, while the axis still stood:
        // the state machine took the loss only at the end of the poll, after the retries.
        until(
            () -> AxisState.ErrorStop.ordinal() == (Integer) last(states).value().value(),
            () -> "J1 ErrorStop");
        AxisSnapshot firstNotGood =
            published.stream().filter(p -> !p.isOnline()).findFirst().orElseThrow();
        assertEquals(SignalStatus.UNCERTAIN_LAST_USABLE, firstNotGood.status(), "first not Good");
        assertEquals(
            AxisState.Standstill, firstNotGood.state(), "state at the first missed answer");
        // The other drive on the link goes on answering.
        DataValue other = client.read(otherPosition);
        assertEquals(StatusCodes.Good, code(other), "J2 " + other);

        motionUa.simulator("bus").setFault(1, SimFault.none());
        for (Map.Entry<String, List<DataValue>> e : seen.entrySet()) {
          until(
              () -> isGood(last(e.getValue())),
              () -> e.getKey() + " Good again, seen " + codes(e.getValue()));
          DataValue good = last(e.getValue());
          assertTrue(
              good.sourceTime().getUtcTime() > frozen.getUtcTime(),
              e.getKey() + " read again: " + good);
        }
        DataValue read = client.read(driveValues.get("ActualPosition"));
        assertEquals(StatusCodes.Good, code(read), "a Read agrees: " + read);
      }
    }
  }

  /**
   * The notifications of one value: Good, then Uncertain_LastUsableValue with the last Good value
   * and the source time of the last good read, then Bad_NoCommunication still with that value and
   * time.
   */
  private static void assertUncertainBetweenGoodAndBad(
      String name, List<DataValue> values, DateTime lastGoodRead) {
    List<DataValue> copy = new ArrayList<>(values);
    int firstNotGood = 0;
    while (firstNotGood < copy.size() && isGood(copy.get(firstNotGood))) {
      firstNotGood++;
    }
    assertTrue(firstNotGood > 0 && firstNotGood < copy.size(), name + ": " + codes(copy));
    DataValue good = copy.get(firstNotGood - 1);
    DataValue uncertain = copy.get(firstNotGood);
    assertEquals(
        StatusCodes.Uncertain_LastUsableValue,
        code(uncertain),
        name + ": the first value after Good is Uncertain_LastUsableValue; seen " + codes(copy));
    assertEquals(good.value(), uncertain.value(), name + ": the last Good value is kept");
    assertEquals(lastGoodRead, uncertain.sourceTime(), name + ": the last good read's time");
    assertTrue(
        uncertain.sourceTime().getUtcTime() < uncertain.serverTime().getUtcTime(),
        name + ": source time not renewed: " + uncertain);
    for (DataValue v : copy.subList(firstNotGood + 1, copy.size())) {
      long c = code(v);
      assertTrue(
          c == StatusCodes.Uncertain_LastUsableValue || c == StatusCodes.Bad_NoCommunication,
          name
              + ": Uncertain, then Bad, nothing else until the drive answers; seen "
              + codes(copy));
      assertEquals(good.value(), v.value(), name + ": the value stays the last Good one");
      assertEquals(lastGoodRead, v.sourceTime(), name + ": the source time stays");
    }
  }

  private static List<DataValue> monitor(OpcUaSubscription subscription, NodeId node) {
    List<DataValue> values = new CopyOnWriteArrayList<>();
    OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(node);
    item.setSamplingInterval(10.0);
    item.setQueueSize(uint(100));
    item.setDataValueListener((i, value) -> values.add(value));
    subscription.addMonitoredItem(item);
    return values;
  }

  private static DataValue last(List<DataValue> values) {
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  private static boolean isGood(DataValue v) {
    return v != null && v.statusCode().isGood();
  }

  private static long code(DataValue v) {
    return v == null ? -1 : v.statusCode().getValue();
  }

  private static List<String> codes(List<DataValue> values) {
    return values.stream()
        .map(v -> StatusCodes.lookup(code(v)).map(a -> a[0]).orElse("?") + "=" + v.value().value())
        .toList();
  }
}
