package io.motionua.tools.bench;

import static io.motionua.tools.bench.OpcuaBenchSupport.path;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The client load of {@code bench motion}, run as its own process (as clients on other machines
 * would be): N sessions, each with a subscription of M data items round-robin over the changing
 * variables of the simulated cell's axes. Prints {@code ready <items created>} once subscribed,
 * then {@code received <notifications so far>} every half second, until its standard input closes
 * or 1 hour passes.
 *
 * <p>Arguments: endpoint URL, axes, sessions, items per session, sampling ms, publishing ms, and
 * optionally the axes folder below Objects ({@code DemoArm/MotionDevices/Arm/Axes}) and the axis
 * name prefix ({@code J}); without them the simulated cell's {@code Cell/MotionDevices/Robot/Axes}
 * and {@code A}.
 */
public final class LoadClients {

  static final String[] AXIS_VARIABLES = {
    "ActualPosition", "ActualSpeed", "CommandedPosition", "FollowingError"
  };

  private LoadClients() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int axes = Integer.parseInt(args[1]);
    int sessions = Integer.parseInt(args[2]);
    int items = Integer.parseInt(args[3]);
    double samplingMs = Double.parseDouble(args[4]);
    double publishingMs = Double.parseDouble(args[5]);
    List<OpcUaClient> clients = new ArrayList<>();
    LongAdder received = new LongAdder();
    try {
      for (int i = 0; i < sessions; i++) {
        OpcUaClient c = OpcUaClient.create(url);
        c.connect();
        clients.add(c);
      }
      String[] folder =
          args.length > 6
              ? args[6].split("/")
              : new String[] {"Cell", "MotionDevices", "Robot", "Axes"};
      String prefix = args.length > 7 ? args[7] : "A";
      List<NodeId> changing = changing(clients.get(0), axes, folder, prefix);
      long created = 0;
      for (OpcUaClient c : clients) {
        created += subscribe(c, changing, items, samplingMs, publishingMs, received);
      }
      System.out.println("ready " + created);
      System.out.flush();
      Thread stdin =
          new Thread(
              () -> {
                try {
                  while (System.in.read() >= 0) {
                    // the parent closes our input to stop us
                  }
                } catch (java.io.IOException e) {
                  // closed
                }
              },
              "load-clients-stdin");
      stdin.setDaemon(true);
      stdin.start();
      long end = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
      while (stdin.isAlive() && System.nanoTime() < end) {
        stdin.join(500);
        System.out.println("received " + received.sum());
        System.out.flush();
      }
    } finally {
      for (OpcUaClient c : clients) {
        try {
          c.disconnectAsync().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          // the server is gone already
        }
      }
    }
  }

  /** The axes' changing variables, by browsing the axes folder for {@code <prefix>1...}. */
  static List<NodeId> changing(OpcUaClient client, int axes, String[] folderPath, String prefix)
      throws UaException {
    NodeId folder = path(client, NodeIds.ObjectsFolder, folderPath);
    List<NodeId> changing = new ArrayList<>();
    for (int k = 1; k <= axes; k++) {
      for (String v : AXIS_VARIABLES) {
        changing.add(path(client, folder, prefix + k, "ParameterSet", v));
      }
    }
    return changing;
  }

  /** One subscription with {@code items} data items; returns how many were created. */
  static long subscribe(
      OpcUaClient client,
      List<NodeId> nodes,
      int items,
      double samplingMs,
      double publishingMs,
      LongAdder received)
      throws UaException {
    OpcUaSubscription s = new OpcUaSubscription(client, publishingMs);
    s.setMaxNotificationsPerPublish(uint(0));
    s.setSubscriptionListener(
        new OpcUaSubscription.SubscriptionListener() {
          @Override
          public void onDataReceived(
              OpcUaSubscription sub, List<OpcUaMonitoredItem> changed, List<DataValue> values) {
            received.add(values.size());
          }
        });
    s.create();
    int queue = (int) Math.ceil(publishingMs / Math.max(1, samplingMs)) + 1;
    List<OpcUaMonitoredItem> list = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(nodes.get(i % nodes.size()));
      item.setSamplingInterval(samplingMs);
      item.setQueueSize(uint(queue));
      list.add(item);
    }
    s.addMonitoredItems(list);
    try {
      s.synchronizeMonitoredItems();
    } catch (UaException e) {
      System.out.println("some monitored items failed: " + e.getMessage());
    }
    return list.stream()
        .filter(it -> it.getCreateResult().map(r -> r.isGood()).orElse(false))
        .count();
  }
}
