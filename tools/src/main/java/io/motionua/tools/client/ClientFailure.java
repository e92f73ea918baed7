package io.motionua.tools.client;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * A Bad result the client command reports as {@code motionua: client: Bad_Name: what} with exit
 * code 1.
 */
final class ClientFailure extends Exception {

  private final StatusCode status;

  ClientFailure(StatusCode status, String message) {
    super(message);
    this.status = status;
  }

  /**
   * Milo wraps transport failures in layers ("UaException: io.netty...Exception: Connection
   * refused: host/127.0.0.1:4840"): the innermost message says what happened.
   */
  static ClientFailure of(UaException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root == e || root.getMessage() == null ? e.getMessage() : root.getMessage();
    return new ClientFailure(e.getStatusCode(), firstLine(message));
  }

  StatusCode status() {
    return status;
  }

  /** The StatusCode's symbolic name ({@code Bad_Timeout}), or its hex value if unknown. */
  static String name(StatusCode status) {
    return StatusCodes.lookup(status.getValue())
        .map(names -> names[0])
        .orElse("0x%08X".formatted(status.getValue()));
  }

  /** The one line printed for it. */
  String line() {
    String name = name(status);
    String message = getMessage() == null ? "" : getMessage();
    // Milo's messages often start with the status itself: "status=Bad_X, message=..."
    message = message.replace("status=" + name + ", message=", "");
    return message.isBlank() || message.equals(name) ? name : name + ": " + message;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
