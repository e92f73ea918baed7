package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The information model as an independent client (node-opcua) sees it on the demo server:
 * ActualPosition with EngineeringUnits and EURange, the AxisState enumeration's strings, and every
 * axis method's input arguments with names and data types.
 */
class ModelNodeOpcuaIT {

  private static final List<String> AXIS_STATES =
      List.of(
          "Disabled",
          "Standstill",
          "Homing",
          "DiscreteMotion",
          "ContinuousMotion",
          "SynchronizedMotion",
          "Stopping",
          "ErrorStop");

  /** Method name to argument names; every argument is a Double (i=11) except Power's Boolean. */
  private static final Map<String, List<String>> METHODS =
      Map.of(
          "Power", List.of("Enable"),
          "Home", List.of(),
          "MoveAbsolute", List.of("Position", "Velocity", "Acceleration", "Deceleration"),
          "MoveRelative", List.of("Distance", "Velocity", "Acceleration", "Deceleration"),
          "MoveVelocity", List.of("Velocity", "Acceleration", "Deceleration"),
          "Stop", List.of("Deceleration"),
          "Halt", List.of("Deceleration"),
          "SetPosition", List.of("Position"),
          "Reset", List.of());

  @TempDir Path dataDir;

  @Test
  void nodeOpcuaReadsUnitsRangesEnumStringsAndMethodArguments() throws Exception {
    Path node = ItSupport.node();
    Path nodeDir = ItSupport.nodeDir();
    try (ServeProcess serve = ServeProcess.start(dataDir)) {
      LoggedProcess server = serve.process;
      String url = serve.url;
      ItSupport.Result check =
          ItSupport.run(
              List.of(node.toString(), "model-check.js", url), nodeDir, Duration.ofSeconds(90));
      assertEquals(0, check.exitCode(), () -> check.describe() + "\n" + server.describe());
      List<Object> axes = MiniJson.array(check.json().get("axes"), "axes");
      assertEquals(6, axes.size(), check::describe);
      for (Object a : axes) {
        Map<String, Object> axis = MiniJson.object(a, "axis");
        String name = (String) axis.get("name");
        Map<String, Object> eu = MiniJson.object(axis.get("engineeringUnits"), "units");
        assertEquals("°", eu.get("displayName"), name);
        assertEquals(17476.0, ((Number) eu.get("unitId")).doubleValue(), name + " UNECE DD");
        Map<String, Object> range = MiniJson.object(axis.get("euRange"), "range");
        double low = ((Number) range.get("low")).doubleValue();
        double high = ((Number) range.get("high")).doubleValue();
        assertTrue(low < 0 && high > 0 && low == -high, name + " EURange " + range);
        assertEquals("AxisStateEnumeration", axis.get("axisStateType"), name);
        assertEquals(AXIS_STATES, axis.get("axisStateStrings"), name);
        List<Object> methods = MiniJson.array(axis.get("methods"), "methods");
        assertEquals(METHODS.size(), methods.size(), name + " methods " + methods);
        for (Object m : methods) {
          Map<String, Object> method = MiniJson.object(m, "method");
          String methodName = (String) method.get("name");
          List<Object> args = MiniJson.array(method.get("arguments"), "arguments");
          List<String> argNames =
              args.stream().map(x -> (String) MiniJson.object(x, "arg").get("name")).toList();
          assertEquals(METHODS.get(methodName), argNames, name + "." + methodName);
          for (Object x : args) {
            String type = (String) MiniJson.object(x, "arg").get("dataType");
            assertEquals(
                methodName.equals("Power") ? "ns=0;i=1" : "ns=0;i=11",
                type,
                name + "." + methodName + " argument type");
          }
        }
      }
    }
  }
}
