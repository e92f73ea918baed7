package io.motionua.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.motionua.server.history.HistoryWriter;
import java.util.function.ToDoubleFunction;

/**
 * The meters of the history recording (docs/history.md): values and events dropped because their
 * bounded queue was full (or the store failed), and how many of each wait in the queues. Each meter
 * reads the writer's counters when scraped; they are atomic or the queues' own sizes.
 */
final class HistoryMeters {

  private final HistoryWriter writer;

  HistoryMeters(HistoryWriter writer, MeterRegistry registry) {
    this.writer = writer;
    counter(
        registry,
        "motionua.history.dropped.values",
        "values not recorded: the history queue was full, or the store failed",
        HistoryWriter::dropped);
    counter(
        registry,
        "motionua.history.dropped.events",
        "events not recorded: the event queue was full, or the store failed",
        HistoryWriter::eventsDropped);
    gauge(
        registry,
        "motionua.history.queue.values",
        "values waiting for the history-writer thread",
        HistoryWriter::queued);
    gauge(
        registry,
        "motionua.history.queue.events",
        "events waiting for the history-writer thread",
        HistoryWriter::eventsQueued);
    gauge(
        registry,
        "motionua.history.writing",
        "1 while the store takes writes; 0 while it is opening, after a write failed (a full"
            + " disk: values are dropped and counted, writing is tried again) or when it failed",
        w -> w.writing() ? 1 : 0);
  }

  private void counter(
      MeterRegistry registry, String name, String description, ToDoubleFunction<HistoryWriter> f) {
    FunctionCounter.builder(name, this, m -> f.applyAsDouble(m.writer))
        .description(description)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry, String name, String description, ToDoubleFunction<HistoryWriter> f) {
    Gauge.builder(name, this, m -> f.applyAsDouble(m.writer))
        .description(description)
        .register(registry);
  }
}
