package io.motionua.server.history;

/** A block of the store that does not decode: its bytes were damaged on disk. */
final class CorruptBlockException extends Exception {
  private static final long serialVersionUID = 1L;

  CorruptBlockException(String message) {
    super(message, null, false, false);
  }
}
