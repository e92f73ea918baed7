package io.motionua.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.motionua.server.sparkplug.EdgeNodeStatus;
import io.motionua.server.sparkplug.SparkplugPublisher;
import java.util.function.ToDoubleFunction;

/**
 * The meters of the Sparkplug B edge node. {@link #refresh()} takes its status once per scrape (a
 * record the edge node's thread publishes after each batch); the meters read that copy.
 */
final class SparkplugMeters {

  private final SparkplugPublisher publisher;
  private EdgeNodeStatus status;

  SparkplugMeters(SparkplugPublisher publisher, MeterRegistry registry) {
    this.publisher = publisher;
    refresh();
    gauge(
        registry,
        "motionua.sparkplug.connected",
        "1 while a broker is connected",
        s -> bit(s.connected()));
    gauge(
        registry,
        "motionua.sparkplug.born",
        "1 once the NBIRTH of the current connection went out",
        s -> bit(s.born()));
    counter(
        registry,
        "motionua.sparkplug.messages.published",
        "messages handed to the MQTT client (births, data, deaths)",
        EdgeNodeStatus::published);
    gauge(
        registry,
        "motionua.sparkplug.queue.updates",
        "updates waiting between the link threads and the edge node",
        EdgeNodeStatus::queued);
    counter(
        registry,
        "motionua.sparkplug.queue.dropped",
        "updates dropped because that queue was full",
        EdgeNodeStatus::queueDrops);
    gauge(
        registry,
        "motionua.sparkplug.store.messages",
        "data messages waiting in the store-and-forward file",
        EdgeNodeStatus::storedMessages);
    Gauge.builder("motionua.sparkplug.store", this, m -> m.status.storedBytes())
        .description("size of the store-and-forward file")
        .baseUnit("bytes")
        .register(registry);
    counter(
        registry,
        "motionua.sparkplug.store.dropped",
        "data messages the store refused: full (storeAndForwardMb) or the disk failed",
        EdgeNodeStatus::storeDrops);
    counter(
        registry,
        "motionua.sparkplug.device.deaths",
        "DDEATH messages published: a device stopped answering",
        EdgeNodeStatus::deviceDeaths);
    counter(
        registry,
        "motionua.sparkplug.commands.refused",
        "DCMD metrics refused: not enabled, or by the role check or limits (each one audited)",
        EdgeNodeStatus::commandsRefused);
    counter(
        registry,
        "motionua.sparkplug.commands.written",
        "DCMD metrics written as their configured user (each one audited)",
        EdgeNodeStatus::commandsWritten);
    counter(
        registry,
        "motionua.sparkplug.commands.malformed",
        "NCMD, DCMD or STATE messages that could not be read",
        EdgeNodeStatus::commandsMalformed);
  }

  void refresh() {
    status = publisher.status();
  }

  private static double bit(boolean b) {
    return b ? 1 : 0;
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      ToDoubleFunction<EdgeNodeStatus> value) {
    Gauge.builder(name, this, m -> value.applyAsDouble(m.status))
        .description(description)
        .register(registry);
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String description,
      ToDoubleFunction<EdgeNodeStatus> value) {
    FunctionCounter.builder(name, this, m -> value.applyAsDouble(m.status))
        .description(description)
        .register(registry);
  }
}
