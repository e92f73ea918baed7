package io.motionua.server.opcua.diagnostics;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.DiagnosticInfo;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.structured.RequestHeader;
import org.eclipse.milo.opcua.stack.core.types.structured.ResponseHeader;
import org.junit.jupiter.api.Test;

class OperationDiagnosticsTest {

  private static final NodeId OVERRIDE = new NodeId(2, "Cell/Arm/ParameterSet/SpeedOverride");
  private static final NodeId MOVE = new NodeId(2, "Cell/Arm/Axes/J1/MoveAbsolute");
  private static final StatusCode GOOD = StatusCode.GOOD;
  private static final StatusCode OUT_OF_RANGE = new StatusCode(StatusCodes.Bad_OutOfRange);

  private static RequestHeader asking(int returnDiagnostics) {
    return new RequestHeader(
        NodeId.NULL_VALUE, DateTime.now(), uint(1), uint(returnDiagnostics), null, uint(0), null);
  }

  private static ResponseHeader plainHeader() {
    return new ResponseHeader(DateTime.now(), uint(1), GOOD, null, null, null);
  }

  @Test
  void onlyOperationLevelBitsAskForIt() {
    assertFalse(OperationDiagnostics.requested(asking(0)));
    assertFalse(OperationDiagnostics.requested(asking(0x1F)), "service level only");
    assertTrue(OperationDiagnostics.requested(asking(0x40)));
    assertTrue(OperationDiagnostics.requested(asking(0x3FF)));
  }

  @Test
  void aRefusedOperationGetsItsStatusNameTextAndNodeThroughTheStringTable() {
    var diagnostics = OperationDiagnostics.forRequest(asking(0xE0));
    DiagnosticInfo[] infos;
    try (RefusalReasons reasons = RefusalReasons.collect()) {
      RefusalReasons.record(OVERRIDE, "SpeedOverride 150.0 is out of range [0, 100] %");
      infos =
          diagnostics.describe(List.of(GOOD, OUT_OF_RANGE), List.of(OVERRIDE, OVERRIDE), reasons);
    }
    assertEquals(2, infos.length);
    assertSame(DiagnosticInfo.NULL_VALUE, infos[0]);
    String[] table = diagnostics.header(plainHeader()).getStringTable();
    DiagnosticInfo refused = infos[1];
    assertEquals("Bad_OutOfRange", table[refused.symbolicId()]);
    assertEquals(OperationDiagnostics.UA_NAMESPACE, table[refused.namespaceUri()]);
    assertEquals("SpeedOverride 150.0 is out of range [0, 100] %", table[refused.localizedText()]);
    assertEquals(-1, refused.locale(), "no locale: Milo 1.1.2 encodes it out of order");
    assertEquals("node " + OVERRIDE.toParseableString(), refused.additionalInfo());
  }

  @Test
  void onlyWhatWasAskedForIsFilledAndStringsAreSharedInTheTable() {
    var diagnostics = OperationDiagnostics.forRequest(asking(0x20));
    DiagnosticInfo[] infos;
    try (RefusalReasons reasons = RefusalReasons.collect()) {
      RefusalReasons.record(MOVE, "why");
      infos =
          diagnostics.describe(
              List.of(OUT_OF_RANGE, OUT_OF_RANGE), List.of(MOVE, OVERRIDE), reasons);
    }
    assertEquals(-1, infos[0].localizedText(), "text not asked for");
    assertNull(infos[0].additionalInfo(), "additional info not asked for");
    assertEquals(infos[0].symbolicId(), infos[1].symbolicId());
    assertArrayEquals(
        new String[] {OperationDiagnostics.UA_NAMESPACE, "Bad_OutOfRange"},
        diagnostics.header(plainHeader()).getStringTable());
  }

  @Test
  void twoRefusalsOfOneNodeTakeTheirReasonsInOrder() {
    var diagnostics = OperationDiagnostics.forRequest(asking(0x40));
    DiagnosticInfo[] infos;
    try (RefusalReasons reasons = RefusalReasons.collect()) {
      RefusalReasons.record(MOVE, "first");
      RefusalReasons.record(MOVE, "second");
      infos =
          diagnostics.describe(List.of(OUT_OF_RANGE, OUT_OF_RANGE), List.of(MOVE, MOVE), reasons);
    }
    String[] table = diagnostics.header(plainHeader()).getStringTable();
    assertEquals("first", table[infos[0].localizedText()]);
    assertEquals("second", table[infos[1].localizedText()]);
  }

  @Test
  void allGoodGivesNoDiagnosticsAndTheHeaderUnchanged() {
    var diagnostics = OperationDiagnostics.forRequest(asking(0xE0));
    try (RefusalReasons reasons = RefusalReasons.collect()) {
      assertEquals(0, diagnostics.describe(List.of(GOOD), List.of(MOVE), reasons).length);
    }
    ResponseHeader header = plainHeader();
    assertSame(header, diagnostics.header(header));
  }

  @Test
  void reasonsAreOnlyKeptWhileAServiceCollects() {
    RefusalReasons.record(MOVE, "nobody asked");
    try (RefusalReasons reasons = RefusalReasons.collect()) {
      assertTrue(reasons.take(MOVE).isEmpty());
    }
  }
}
