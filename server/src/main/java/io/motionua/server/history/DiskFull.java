package io.motionua.server.history;

import io.questdb.cairo.CairoException;

/**
 * Whether a failure of the store is a full disk (or a file size or disk quota limit reached):
 * QuestDB reports the operating system's errno, 28 (ENOSPC), 27 (EFBIG) or 122 (EDQUOT) on Linux.
 * Such a store is not damaged: it is neither moved aside nor given up, but tried again.
 */
final class DiskFull {

  private static final int EFBIG = 27;
  private static final int ENOSPC = 28;
  private static final int EDQUOT = 122;

  private DiskFull() {}

  static boolean is(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DiskFullException) {
        return true;
      }
      if (t instanceof CairoException c) {
        int errno = c.getErrno();
        if (errno == ENOSPC || errno == EFBIG || errno == EDQUOT) {
          return true;
        }
      }
    }
    return false;
  }

  /** The store could not be opened because its disk is full; nothing is wrong with it. */
  static final class DiskFullException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    DiskFullException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
