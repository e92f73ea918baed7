package io.motionua.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.motionua.server.history.external.ExternalHistorian;
import io.motionua.server.history.external.ExternalStatus;

/**
 * The meters of the external historian ({@code motionua_history_external_*}). {@link #refresh()}
 * takes its status once per scrape; the meters read that copy.
 */
final class ExternalHistorianMeters {

  private final ExternalHistorian historian;
  private ExternalStatus status;

  ExternalHistorianMeters(ExternalHistorian historian, MeterRegistry registry) {
    this.historian = historian;
    refresh();
    Gauge.builder("motionua.history.external.connected", this, m -> m.status.connected() ? 1 : 0)
        .description("1 while the database is connected and its tables are there")
        .register(registry);
    Gauge.builder("motionua.history.external.buffered", this, m -> m.status.bufferedBytes())
        .description("size of the records on disk not yet in the database")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder(
            "motionua.history.external.buffered.records", this, m -> m.status.bufferedRecords())
        .description("records on disk not yet in the database")
        .register(registry);
    FunctionCounter.builder("motionua.history.external.sent", this, m -> m.status.sent())
        .description("records committed to the database")
        .register(registry);
    FunctionCounter.builder("motionua.history.external.dropped", this, m -> m.status.dropped())
        .description("records lost: the buffer (bufferMb) or the queue before it was full")
        .register(registry);
  }

  void refresh() {
    status = historian.status();
  }
}
