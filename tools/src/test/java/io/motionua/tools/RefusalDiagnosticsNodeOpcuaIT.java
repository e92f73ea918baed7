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
 * Refusals explain themselves to an independent client: node-opcua (refusal-diagnostics.js) sets
 * RequestHeader.returnDiagnostics on raw Write and Call requests to the demo server and decodes the
 * DiagnosticInfos through the response's stringTable. A SpeedOverride of 150 %, a MoveAbsolute far
 * outside J2's software limits and a MoveAbsolute while J2 is Disabled each come back with their
 * specific StatusCode, its name as symbolic id and our reason as text; without returnDiagnostics
 * the same write gets no DiagnosticInfo. The start gets 120 s: the first one creates the
 * certificate, on a machine that may be busy with other builds.
 */
class RefusalDiagnosticsNodeOpcuaIT {

  @TempDir Path dataDir;

  @Test
  void nodeOpcuaReadsWhyAWriteAndTwoCallsWereRefused() throws Exception {
    Path node = ItSupport.node();
    Path nodeDir = ItSupport.nodeDir();
    try (ServeProcess serve = ServeProcess.start(dataDir)) {
      LoggedProcess server = serve.process;
      String url = serve.url;
      ItSupport.Result run =
          ItSupport.run(
              List.of(node.toString(), "refusal-diagnostics.js", url, "J2"),
              nodeDir,
              Duration.ofSeconds(90));
      assertEquals(0, run.exitCode(), () -> run.describe() + "\n" + server.describe());
      Map<String, Object> json = run.json();

      Map<String, Object> write = MiniJson.object(json.get("write"), "write");
      assertEquals("BadOutOfRange", write.get("statusCode"), run::describe);
      Map<String, Object> writeWhy = only(write);
      assertEquals("Bad_OutOfRange", writeWhy.get("symbolicId"), run::describe);
      assertEquals("http://opcfoundation.org/UA/", writeWhy.get("namespaceUri"), run::describe);
      assertEquals(
          "SpeedOverride 150.0 is out of range [0, 100] %", writeWhy.get("text"), run::describe);
      // No locale: Milo 1.1.2 would write it in the wrong place (docs/status-codes.md).
      assertEquals(null, writeWhy.get("locale"), run::describe);
      assertTrue(
          String.valueOf(writeWhy.get("additionalInfo")).contains("SpeedOverride"), run::describe);

      Map<String, Object> plain = MiniJson.object(json.get("plain"), "plain");
      assertEquals("BadOutOfRange", plain.get("statusCode"), run::describe);
      assertEquals(List.of(), plain.get("diagnostics"), "not asked, not given");

      Map<String, Object> range = MiniJson.object(json.get("range"), "range");
      assertEquals("BadInvalidArgument", range.get("statusCode"), run::describe);
      String rangeText = String.valueOf(only(range).get("text"));
      assertTrue(rangeText.startsWith("MoveAbsolute: Position 1000000.0 is outside ["), rangeText);

      Map<String, Object> state = MiniJson.object(json.get("state"), "state");
      assertEquals("BadInvalidState", state.get("statusCode"), run::describe);
      Map<String, Object> stateWhy = only(state);
      assertEquals("Bad_InvalidState", stateWhy.get("symbolicId"), run::describe);
      assertEquals(
          "axis J2 is Disabled: a move is not allowed", stateWhy.get("text"), run::describe);
    }
  }

  /** The one DiagnosticInfo of a single-operation response. */
  private static Map<String, Object> only(Map<String, Object> operation) {
    List<Object> diagnostics = MiniJson.array(operation.get("diagnostics"), "diagnostics");
    assertEquals(1, diagnostics.size(), () -> "diagnostics: " + operation);
    return MiniJson.object(diagnostics.get(0), "diagnostic");
  }
}
