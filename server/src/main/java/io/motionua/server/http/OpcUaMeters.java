package io.motionua.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.diagnostics.SubscriptionDiagnostics;
import org.eclipse.milo.opcua.sdk.server.subscriptions.Subscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;

/**
 * The OPC UA server's load: sessions, subscriptions, monitored items, and publish requests and
 * notifications as counters (a rate in Prometheus gives the publish rate).
 *
 * <p>Milo counts publish requests and notifications per subscription, and forgets them with the
 * subscription. To give Prometheus counters that never go down, each scrape adds what every live
 * subscription counted since the last scrape; what a subscription counted between the last scrape
 * and its deletion is lost. The map of last counts holds only live subscriptions.
 */
final class OpcUaMeters {

  private record Seen(long publishRequests, long notifications) {}

  private final OpcUaServer server;
  private final Map<UInteger, Seen> seen = new HashMap<>();
  private long publishRequests;
  private long notifications;
  private int sessions;
  private int subscriptions;
  private long monitoredItems;

  OpcUaMeters(OpcUaServer server, MeterRegistry registry) {
    this.server = server;
    refresh();
    Gauge.builder("motionua.opcua.sessions", this, m -> m.sessions)
        .description("open OPC UA sessions")
        .register(registry);
    FunctionCounter.builder(
            "motionua.opcua.sessions.opened",
            this,
            m -> m.server.getDiagnosticsSummary().getCumulatedSessionCount().sum())
        .description("sessions created since start")
        .register(registry);
    FunctionCounter.builder(
            "motionua.opcua.sessions.rejected",
            this,
            m -> m.server.getDiagnosticsSummary().getRejectedSessionCount().sum())
        .description("session requests refused (bad user, bad certificate, too many)")
        .register(registry);
    Gauge.builder("motionua.opcua.subscriptions", this, m -> m.subscriptions)
        .description("live subscriptions")
        .register(registry);
    Gauge.builder("motionua.opcua.monitored.items", this, m -> m.monitoredItems)
        .description("monitored items over all subscriptions")
        .register(registry);
    FunctionCounter.builder("motionua.opcua.publish.requests", this, m -> m.publishRequests)
        .description("publish requests received by live subscriptions")
        .register(registry);
    FunctionCounter.builder("motionua.opcua.notifications", this, m -> m.notifications)
        .description("data change and event notifications sent")
        .register(registry);
  }

  void refresh() {
    sessions = server.getSessionManager().getCurrentSessionCount().intValue();
    Map<UInteger, Subscription> live = server.getSubscriptions();
    subscriptions = live.size();
    long items = 0;
    for (Subscription subscription : live.values()) {
      items += subscription.getMonitoredItemCount().longValue();
      SubscriptionDiagnostics d = subscription.getSubscriptionDiagnostics();
      Seen now = new Seen(d.getPublishRequestCount().sum(), d.getNotificationsCount().sum());
      Seen before = seen.put(subscription.getId(), now);
      publishRequests += now.publishRequests() - (before == null ? 0 : before.publishRequests());
      notifications += now.notifications() - (before == null ? 0 : before.notifications());
    }
    monitoredItems = items;
    seen.keySet().retainAll(live.keySet());
  }
}
