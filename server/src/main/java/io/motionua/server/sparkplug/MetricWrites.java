package io.motionua.server.sparkplug;

import java.util.concurrent.CompletableFuture;

/**
 * Where a DCMD that {@code sparkplug.commands} enables goes: a write of the metric's OPC UA
 * variable as the configured user, through the same role check, limits and audit as an OPC UA
 * write. Implemented outside this package (the OPC UA side); must not block the caller.
 */
public interface MetricWrites {

  /**
   * Starts the write.
   *
   * @param user the configured user (from {@code server.users}) the write is checked and audited as
   * @param metric the metric's name, the browse path below the machine
   * @param value the DCMD's value as decoded
   * @return completes with the result: {@code Good} or the refusal's StatusCode name and reason
   */
  CompletableFuture<String> write(String user, String metric, Object value);
}
