package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo server as a client that knows only the companion specifications sees it
 * (companion-check.js, node-opcua): DI, Machinery and Robotics in the NamespaceArray, the machine
 * in Machinery's Machines folder and in DI's DeviceSet, and the Robotics reference types (Moves,
 * IsDrivenBy, IsConnectedTo) between each power train, its axis, motor, gear and drive, and no
 * variable of the machine (alarms included) that reads Good with a null value.
 */
class CompanionNodeOpcuaIT {

  private static final String ROBOTICS = "http://opcfoundation.org/UA/Robotics/";
  private static final String MACHINERY = "http://opcfoundation.org/UA/Machinery/";

  @TempDir Path dataDir;

  @Test
  void aCompanionSpecClientFindsTheDemoArmThroughMachinesAndDeviceSet() throws Exception {
    Path node = ItSupport.node();
    Path nodeDir = ItSupport.nodeDir();
    try (ServeProcess serve = ServeProcess.start(dataDir)) {
      LoggedProcess server = serve.process;
      String url = serve.url;
      ItSupport.Result check =
          ItSupport.run(
              List.of(node.toString(), "companion-check.js", url),
              nodeDir,
              Duration.ofSeconds(150));
      assertEquals(0, check.exitCode(), () -> check.describe() + "\n" + server.describe());
      Map<String, Object> json = check.json();
      Map<String, Object> namespaces = MiniJson.object(json.get("namespaces"), "namespaces");
      for (String model : List.of("di", "machinery", "robotics")) {
        assertTrue(
            ((Number) namespaces.get(model)).intValue() > 0, model + " in the NamespaceArray");
      }
      assertTrue(
          MiniJson.array(json.get("machines"), "machines").contains("DemoArm"), check::describe);
      assertTrue(
          MiniJson.array(json.get("deviceSet"), "deviceSet").contains("DemoArm"), check::describe);
      // Every variable of the machine, alarms included: a value, or a StatusCode saying why not.
      assertTrue(((Number) json.get("variables")).intValue() > 500, check::describe);
      assertEquals(
          List.of(), MiniJson.array(json.get("goodNull"), "goodNull"), "Good with a null value");
      // Every instance node says what it is; the alarm conditions' inner nodes are Milo's copies
      // of the UA core type (which carries no descriptions) and are left out.
      Pattern alarm =
          Pattern.compile(
              "/(DriveFault|CommunicationLoss|FollowingErrorExceeded|OverTemperature)/");
      assertEquals(
          List.of(),
          MiniJson.array(json.get("undescribed"), "undescribed").stream()
              .filter(path -> !alarm.matcher(path + "/").find())
              .toList(),
          "nodes without a Description");
      // The types are the official ones or subtypes of them.
      List<Object> axes = MiniJson.array(json.get("axes"), "axes");
      assertEquals(6, axes.size(), check::describe);
      for (Object a : axes) {
        assertTrue(
            MiniJson.object(a, "axis")
                .get("types")
                .toString()
                .contains(ROBOTICS + ", name=AxisType"),
            () -> "axis type derives from Robotics AxisType: " + a);
      }
      Map<String, Object> system =
          MiniJson.object(MiniJson.array(json.get("systems"), "systems").get(0), "system");
      assertTrue(
          system.get("types").toString().contains(ROBOTICS + ", name=MotionDeviceSystemType"),
          () -> "machine type derives from MotionDeviceSystemType: " + system);
      assertEquals(
          List.of(
              Map.of("uri", ROBOTICS, "name", "MotionDevices"),
              Map.of("uri", ROBOTICS, "name", "Controllers"),
              Map.of("uri", ROBOTICS, "name", "SafetyStates")),
          system.get("folders"),
          check::describe);
      assertEquals(
          Map.of("uri", MACHINERY, "name", "MachineIdentificationType"),
          system.get("identification"),
          check::describe);
      Map<String, Object> itemState = MiniJson.object(system.get("itemState"), "itemState");
      assertEquals(
          Map.of("uri", MACHINERY, "name", "MachineryItemState_StateMachineType"),
          itemState.get("type"));
      assertTrue(
          List.of("NotAvailable", "OutOfService", "NotExecuting", "Executing")
              .contains(itemState.get("current")),
          itemState::toString);
      assertEquals(
          Map.of("uri", MACHINERY, "name", itemState.get("current")),
          itemState.get("state"),
          "CurrentState/Id is Machinery's state object of that name");
      Map<String, Object> mode = MiniJson.object(system.get("operationMode"), "operationMode");
      assertEquals(
          Map.of("uri", MACHINERY, "name", "MachineryOperationModeStateMachineType"),
          mode.get("type"));
      assertEquals(Map.of("uri", MACHINERY, "name", mode.get("current")), mode.get("state"));
      List<Object> trains = MiniJson.array(json.get("trains"), "trains");
      assertEquals(6, trains.size(), check::describe);
      for (Object t : trains) {
        Map<String, Object> train = MiniJson.object(t, "train");
        Map<String, Object> health = MiniJson.object(train.get("deviceHealth"), "deviceHealth");
        assertEquals(
            Map.of("uri", "http://opcfoundation.org/UA/DI/", "name", "DeviceHealth"),
            health.get("browseName"));
        assertEquals(0, ((Number) health.get("value")).intValue(), "NORMAL: " + health);
        for (String reference : List.of("moves", "isDrivenBy", "isConnectedTo")) {
          Map<String, Object> type = MiniJson.object(train.get(reference), reference);
          assertEquals(ROBOTICS, type.get("uri"), train.get("name") + " " + reference);
        }
      }
    }
  }
}
