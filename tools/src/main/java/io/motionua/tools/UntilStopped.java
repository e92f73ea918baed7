package io.motionua.tools;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a command running until the process is asked to stop (Ctrl-C, SIGTERM): the JVM's shutdown
 * hook stops the service, then {@link #await()} returns.
 */
final class UntilStopped {

  private final CountDownLatch stopped = new CountDownLatch(1);

  private UntilStopped() {}

  /**
   * @param name the shutdown hook thread's name
   * @param stop what to stop; runs on the hook thread
   */
  static UntilStopped onShutdown(String name, Runnable stop) {
    UntilStopped until = new UntilStopped();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.run();
                  until.stopped.countDown();
                },
                name));
    return until;
  }

  void await() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
