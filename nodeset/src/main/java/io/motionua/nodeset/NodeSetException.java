package io.motionua.nodeset;

/**
 * A NodeSet2 file cannot be loaded (or a namespace cannot be exported). The message names the file,
 * the node and what is wrong or missing; nothing of a refused file is added to the server.
 */
public final class NodeSetException extends Exception {

  private static final long serialVersionUID = 1L;

  public NodeSetException(String message) {
    super(message);
  }

  public NodeSetException(String message, Throwable cause) {
    super(message, cause);
  }
}
