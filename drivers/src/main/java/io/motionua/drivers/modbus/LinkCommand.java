package io.motionua.drivers.modbus;

import io.motionua.drivers.DriverException;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.WriteTrigger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Work queued for a link's thread, served ahead of polls. */
sealed interface LinkCommand {

  DeviceState device();

  /** System.nanoTime() after which the command must not be sent any more. */
  long deadlineNanos();

  void fail(DriverException e);

  /**
   * A write; with a trigger (else null), the link thread holds its first request until the
   * trigger's other parties are ready too.
   */
  record Write(
      DeviceState device,
      List<WriteRequest> requests,
      long deadlineNanos,
      CompletableFuture<Void> future,
      WriteTrigger trigger)
      implements LinkCommand {
    @Override
    public void fail(DriverException e) {
      if (trigger != null) {
        trigger.withdraw(future);
      }
      future.completeExceptionally(e);
    }
  }

  record Read(
      DeviceState device,
      List<ReadBlock> blocks,
      long deadlineNanos,
      CompletableFuture<Map<String, SignalValue>> future)
      implements LinkCommand {
    @Override
    public void fail(DriverException e) {
      future.completeExceptionally(e);
    }
  }
}
