package io.motionua.server.opcua.diagnostics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DiagnosticInfo;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.structured.RequestHeader;
import org.eclipse.milo.opcua.stack.core.types.structured.ResponseHeader;

/**
 * The operation-level DiagnosticInfos of one response, built from what the client asked for in
 * {@code RequestHeader.returnDiagnostics} (OPC 10000-4, 7.33): symbolic id (0x20), localized text
 * (0x40), additional info (0x80). A refused operation gets the name of its StatusCode as symbolic
 * id, the recorded reason as localized text and the node it concerned as additional info; the
 * strings go into the response header's stringTable, the DiagnosticInfos point into it.
 */
final class OperationDiagnostics {

  static final int SYMBOLIC_ID = 0x20;
  static final int LOCALIZED_TEXT = 0x40;
  static final int ADDITIONAL_INFO = 0x80;
  private static final int ANY = SYMBOLIC_ID | LOCALIZED_TEXT | ADDITIONAL_INFO;

  /** The namespace that defines the symbolic ids used here: the StatusCodes of OPC UA. */
  static final String UA_NAMESPACE = "http://opcfoundation.org/UA/";

  private final int mask;
  private final List<String> strings = new ArrayList<>();
  private final Map<String, Integer> indexes = new HashMap<>();

  private OperationDiagnostics(int mask) {
    this.mask = mask;
  }

  /** Whether the request asks for any operation-level diagnostics this class returns. */
  static boolean requested(RequestHeader header) {
    return header != null
        && header.getReturnDiagnostics() != null
        && (header.getReturnDiagnostics().intValue() & ANY) != 0;
  }

  static OperationDiagnostics forRequest(RequestHeader header) {
    return new OperationDiagnostics(header.getReturnDiagnostics().intValue());
  }

  /**
   * One DiagnosticInfo per operation, in order: NULL_VALUE for a Good one; for a refused one, what
   * was asked for. Empty when no operation was refused.
   *
   * @param nodes the node each operation concerned (the variable, the method)
   */
  DiagnosticInfo[] describe(List<StatusCode> results, List<NodeId> nodes, RefusalReasons reasons) {
    if (results.stream().noneMatch(StatusCode::isBad)) {
      return new DiagnosticInfo[0];
    }
    DiagnosticInfo[] infos = new DiagnosticInfo[results.size()];
    for (int i = 0; i < infos.length; i++) {
      StatusCode result = results.get(i);
      NodeId node = i < nodes.size() ? nodes.get(i) : null;
      infos[i] =
          result.isBad() ? refusal(result, node, reasons.take(node).orElse(null)) : nullInfo();
    }
    return infos;
  }

  private DiagnosticInfo refusal(StatusCode result, NodeId node, String reason) {
    int namespace = -1;
    int symbolicId = -1;
    if ((mask & SYMBOLIC_ID) != 0) {
      namespace = index(UA_NAMESPACE);
      symbolicId =
          index(
              StatusCodes.lookup(result.getValue())
                  .map(names -> names[0])
                  .orElse("0x%08X".formatted(result.getValue())));
    }
    // No locale (the texts are English): Milo 1.1.2 writes LocalizedText before Locale, the
    // reverse of OPC 10000-6 5.2.2.12 (open62541 had the same bug until its PR 6641), so with
    // both present a conforming client would read the text's index as the locale's. With the
    // text alone the order does not matter.
    int locale = -1;
    int text = -1;
    if ((mask & LOCALIZED_TEXT) != 0 && reason != null) {
      text = index(reason);
    }
    String additional =
        (mask & ADDITIONAL_INFO) != 0 && node != null ? "node " + node.toParseableString() : null;
    return new DiagnosticInfo(namespace, symbolicId, locale, text, additional, null, null);
  }

  private static DiagnosticInfo nullInfo() {
    return DiagnosticInfo.NULL_VALUE;
  }

  private int index(String s) {
    return indexes.computeIfAbsent(
        s,
        k -> {
          strings.add(k);
          return strings.size() - 1;
        });
  }

  /** The response header with the string table the DiagnosticInfos point into. */
  ResponseHeader header(ResponseHeader original) {
    if (strings.isEmpty()) {
      return original;
    }
    return new ResponseHeader(
        original.getTimestamp(),
        original.getRequestHandle(),
        original.getServiceResult(),
        original.getServiceDiagnostics(),
        strings.toArray(String[]::new),
        original.getAdditionalHeader());
  }
}
