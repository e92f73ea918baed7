package io.motionua.server.group;

import io.motionua.server.MotionUa;
import io.motionua.server.Waits;
import java.time.Duration;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;

/** A Milo client on the test cell that calls group and axis methods and reads group state. */
final class GroupClient implements AutoCloseable {

  private final OpcUaClient client;
  private final String group;

  GroupClient(MotionUa cell, String group) throws UaException {
    this.client = OpcUaClient.create(GroupTestMachine.endpoint(cell));
    client.connect();
    this.group = "Cell/Groups/" + group;
  }

  /** Calls a group method; returns the call's status code. */
  long call(String method, Object... args) throws UaException {
    return callOn(group, method, args);
  }

  /** Calls a method of an axis (e.g. MoveAbsolute on A3). */
  long callAxis(String axis, String method, Object... args) throws UaException {
    return callOn("Cell/MotionDevices/Robot/Axes/" + axis, method, args);
  }

  private long callOn(String object, String method, Object... args) throws UaException {
    Variant[] variants = new Variant[args.length];
    for (int i = 0; i < args.length; i++) {
      variants[i] = new Variant(args[i]);
    }
    NodeId o = GroupTestMachine.node(client, object);
    NodeId m = GroupTestMachine.node(client, object + "/" + method);
    return client
        .call(List.of(new CallMethodRequest(o, m, variants)))
        .getResults()[0]
        .getStatusCode()
        .getValue();
  }

  /** Writes the machine's SpeedOverride (percent), as an operator would; returns the status. */
  long writeSpeedOverride(double percent) throws UaException {
    NodeId node =
        GroupTestMachine.node(client, "Cell/MotionDevices/Robot/ParameterSet/SpeedOverride");
    return client
        .write(
            List.of(
                new WriteValue(
                    node,
                    AttributeId.Value.uid(),
                    null,
                    DataValue.valueOnly(new Variant(percent)))))
        .getResults()[0]
        .getValue();
  }

  GroupState state() throws UaException {
    Object v = read("GroupState");
    return GroupState.values()[(Integer) v];
  }

  String lastError() throws UaException {
    return (String) read("LastError");
  }

  Object read(String child) throws UaException {
    return client
        .readValue(0.0, TimestampsToReturn.Both, GroupTestMachine.node(client, group + "/" + child))
        .value()
        .value();
  }

  /** Waits (bounded) until GroupState is the expected one; fails showing the last state. */
  void awaitState(GroupState expected, long timeoutMs) throws Exception {
    Waits.until(
        () -> state() == expected,
        Duration.ofMillis(timeoutMs),
        Duration.ofMillis(5),
        () -> "GroupState " + expected + ", is " + state() + " (LastError: " + lastError() + ")");
  }

  /** Brings the group to GroupStandby: GroupReset after an error, GroupEnable (bounded). */
  void toStandby() throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (state() != GroupState.GroupStandby && System.nanoTime() < deadline) {
      if (state() == GroupState.GroupErrorStop) {
        call("GroupReset");
      }
      call("GroupEnable");
      Thread.sleep(20);
    }
    awaitState(GroupState.GroupStandby, 1000);
  }

  @Override
  public void close() throws UaException {
    client.disconnect();
  }
}
