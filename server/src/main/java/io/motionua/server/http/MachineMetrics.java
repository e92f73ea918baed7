package io.motionua.server.http;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.motionua.drivers.Link;
import io.motionua.server.axis.AxisController;
import io.motionua.server.group.AxisGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Every meter of a running machine in one Prometheus registry: links and drives, axes, groups, the
 * OPC UA server, the Sparkplug edge node and the external historian (when configured), the history
 * writer (when recording), the JVM. The set of meters is fixed at construction (one per configured
 * link, drive, axis and group), so the output stays bounded.
 *
 * <p>Nothing is recorded between scrapes: {@link #scrape()} takes one snapshot of each part, then
 * renders them. Scrapes are serialized.
 */
final class MachineMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<LinkMeters> links = new ArrayList<>();
  private final List<AxisMeters> axes = new ArrayList<>();
  private final List<GroupMeters> groups = new ArrayList<>();
  private final OpcUaMeters opcua;
  private final SparkplugMeters sparkplug;
  private final ExternalHistorianMeters historyExternal;
  private final HistoryMeters history;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  MachineMetrics(ServedMachine machine) {
    registry.config().commonTags("machine", machine.name());
    for (Link link : machine.links().values()) {
      links.add(new LinkMeters(link, registry));
    }
    for (AxisController axis : machine.axes().values()) {
      axes.add(new AxisMeters(axis, registry));
    }
    for (AxisGroup group : machine.groups().values()) {
      groups.add(new GroupMeters(group, registry));
    }
    opcua = new OpcUaMeters(machine.server(), registry);
    sparkplug =
        machine.sparkplug() == null ? null : new SparkplugMeters(machine.sparkplug(), registry);
    historyExternal =
        machine.historyExternal() == null
            ? null
            : new ExternalHistorianMeters(machine.historyExternal(), registry);
    // Held here: Micrometer keeps only weak references to the meters' objects.
    history = machine.history() == null ? null : new HistoryMeters(machine.history(), registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** The Prometheus text exposition (format 0.0.4) of every meter, from fresh snapshots. */
  synchronized String scrape() {
    links.forEach(LinkMeters::refresh);
    axes.forEach(AxisMeters::refresh);
    groups.forEach(GroupMeters::refresh);
    opcua.refresh();
    if (sparkplug != null) {
      sparkplug.refresh();
    }
    if (historyExternal != null) {
      historyExternal.refresh();
    }
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
