package io.motionua.server.http;

import static io.motionua.server.http.HttpProbe.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.drivers.profile.RegisterTable;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.SimFault;
import io.motionua.drivers.sim.SimulatedDevice;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.drivers.sim.SimulatedIoModule;
import io.motionua.server.MotionUa;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.HttpSpec;
import io.motionua.server.config.LinkSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.opcua.ListenPorts;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.Test;

/**
 * /health and /metrics of the demo machine over real sockets, scraped with the JDK's HTTP client
 * while a simulated drive stops answering, or the link's gateway goes away, and comes back.
 */
class HttpEndpointsIT {

  private static final String LINK = "arm-bus";

  private static MachineConfig demoWithHttp() throws Exception {
    MachineConfig demo = ConfigLoader.demo().withPort(ListenPorts.choose());
    return demo.withServer(demo.server().withHttp(HttpSpec.onPort(0)));
  }

  private static MotionUa start(MachineConfig config) throws Exception {
    MotionUa motionUa = new MotionUa(config, Files.createTempDirectory("motionua-http-it"));
    motionUa.start();
    return motionUa;
  }

  @Test
  void historyQueuesAndDropsAreOnMetrics() throws Exception {
    try (MotionUa motionUa = start(demoWithHttp())) {
      HttpProbe http = new HttpProbe(motionUa.httpPort().orElseThrow());
      var writer = motionUa.history().writer();
      String before = http.get("/metrics").body();
      assertEquals(0, HttpProbe.sample(before, "motionua_history_dropped_values_total"), before);
      assertEquals(0, HttpProbe.sample(before, "motionua_history_dropped_events_total"), before);
      assertTrue(HttpProbe.sample(before, "motionua_history_queue_values") >= 0, before);
      assertTrue(HttpProbe.sample(before, "motionua_history_queue_events") >= 0, before);
      // The store opens in the background; then it takes writes.
      until(() -> http.metric("motionua_history_writing") == 1, () -> http.get("/metrics").body());
      // Offered faster than the writer thread takes them: the bounded queue overflows.
      long t = System.currentTimeMillis() * 1000;
      for (int round = 0; round < 100 && writer.dropped() == 0; round++) {
        for (int i = 0; i < 200_000; i++) {
          writer.offer(new io.motionua.server.history.Sample("flood", t + i, i, 0));
        }
      }
      long dropped = writer.dropped();
      assertTrue(dropped > 0, "the queue never overflowed");
      until(
          () -> http.metric("motionua_history_dropped_values_total") >= dropped,
          () ->
              "dropped "
                  + dropped
                  + ", metric "
                  + http.metric("motionua_history_dropped_values_total"));
    }
  }

  @Test
  void healthNamesASilentDriveWith503AndErrorCountersRiseUntilItAnswersAgain() throws Exception {
    try (MotionUa motionUa = start(demoWithHttp())) {
      HttpProbe http = new HttpProbe(motionUa.httpPort().orElseThrow());
      until(() -> http.get("/health").statusCode() == 200, () -> http.get("/health").body());
      HttpResponse<String> up = http.get("/health");
      assertEquals("application/json", up.headers().firstValue("Content-Type").orElse(""));
      assertTrue(up.body().contains("\"status\":\"UP\""), up.body());
      assertTrue(up.body().contains("\"arm-bus\":\"up\""), up.body());

      HttpResponse<String> scrape = http.get("/metrics");
      assertTrue(
          scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
          scrape.headers().toString());
      String before = scrape.body();
      double timeouts = HttpProbe.sample(before, "motionua_link_timeouts_total", "link", LINK);
      double errors = HttpProbe.sample(before, "motionua_link_errors_total", "link", LINK);
      assertTrue(HttpProbe.sample(before, "motionua_link_requests_total", "link", LINK) > 0);
      assertEquals(1, HttpProbe.sample(before, "motionua_link_connected", "link", LINK));
      // Powered on start: Standstill is state 1, and the one state J3 is in.
      until(
          () -> http.metric("motionua_axis_state_code", "axis", "J3") == 1,
          () -> "J3 Standstill: " + http.metric("motionua_axis_state_code", "axis", "J3"));
      String standing = http.get("/metrics").body();
      assertEquals(
          1,
          HttpProbe.sample(standing, "motionua_axis_state", "axis", "J3", "state", "Standstill"));
      assertEquals(
          0, HttpProbe.sample(standing, "motionua_axis_state", "axis", "J3", "state", "Disabled"));
      assertTrue(before.contains("jvm_memory_used_bytes{"), "JVM meters are there");

      motionUa.simulator(LINK).setFault(3, SimFault.noReply());
      String drive3 = "drive J3-drive (unit 3 on link arm-bus) does not answer";
      until(
          () -> {
            HttpResponse<String> h = http.get("/health");
            return h.statusCode() == 503 && h.body().contains(drive3);
          },
          () -> "503 naming J3-drive: " + http.get("/health").body());
      String down = http.get("/health").body();
      assertTrue(down.contains("\"status\":\"DOWN\""), down);
      assertFalse(down.contains("J1-drive"), "only the silent drive is named: " + down);
      until(
          () -> http.metric("motionua_link_timeouts_total", "link", LINK) > timeouts,
          () -> "link timeouts rise above " + timeouts);
      until(
          () -> http.metric("motionua_link_errors_total", "link", LINK) > errors,
          () -> "link errors rise above " + errors);
      String during = http.get("/metrics").body();
      assertEquals(0, HttpProbe.sample(during, "motionua_drive_online", "drive", "J3-drive"));
      assertEquals(1, HttpProbe.sample(during, "motionua_drive_online", "drive", "J1-drive"));
      assertTrue(
          HttpProbe.sample(during, "motionua_drive_timeouts_total", "drive", "J3-drive") > 0);
      assertEquals(
          0, HttpProbe.sample(during, "motionua_drive_timeouts_total", "drive", "J1-drive"));

      motionUa.simulator(LINK).setFault(3, SimFault.none());
      until(() -> http.get("/health").statusCode() == 200, () -> http.get("/health").body());
      until(
          () -> http.metric("motionua_drive_online", "drive", "J3-drive") == 1,
          () -> "J3-drive online again");
    }
  }

  @Test
  void healthNamesALinkWhoseGatewayIsGoneAndCountsTheReconnect() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    MachineConfig demo = demoWithHttp();
    LinkSpec real = demo.links().get(0).withSimulated(false).withEndpoint(null, port);
    MachineConfig config = demo.withLink(real);
    DriveSimulator gateway = gateway(port);
    try (MotionUa motionUa = start(config)) {
      HttpProbe http = new HttpProbe(motionUa.httpPort().orElseThrow());
      until(() -> http.get("/health").statusCode() == 200, () -> http.get("/health").body());
      double reconnects = http.metric("motionua_link_reconnects_total", "link", LINK);

      gateway.close();
      until(
          () -> {
            HttpResponse<String> h = http.get("/health");
            return h.statusCode() == 503 && h.body().contains("link arm-bus is not connected");
          },
          () -> "503 naming the link: " + http.get("/health").body());
      assertTrue(http.get("/health").body().contains("\"arm-bus\":\"down\""));
      assertEquals(0, http.metric("motionua_link_connected", "link", LINK));

      gateway = gateway(port);
      until(() -> http.get("/health").statusCode() == 200, () -> http.get("/health").body());
      until(
          () -> http.metric("motionua_link_reconnects_total", "link", LINK) > reconnects,
          () -> "a reconnect counted");
    } finally {
      gateway.close();
    }
  }

  @Test
  void opcUaSessionsSubscriptionsAndPublishRequestsAreCounted() throws Exception {
    MachineConfig config = demoWithHttp();
    try (MotionUa motionUa = start(config)) {
      HttpProbe http = new HttpProbe(motionUa.httpPort().orElseThrow());
      assertEquals(0, http.metric("motionua_opcua_sessions"));
      OpcUaClient client = OpcUaClient.create("opc.tcp://127.0.0.1:" + config.server().port());
      client.connect();
      try {
        OpcUaSubscription subscription = new OpcUaSubscription(client, 50.0);
        subscription.create();
        NodeId serverTime = NodeId.parse("i=2258");
        subscription.addMonitoredItem(OpcUaMonitoredItem.newDataItem(serverTime));
        subscription.addMonitoredItem(OpcUaMonitoredItem.newDataItem(NodeId.parse("i=2259")));
        subscription.synchronizeMonitoredItems();
        assertEquals(1, http.metric("motionua_opcua_sessions"));
        assertEquals(1, http.metric("motionua_opcua_subscriptions"));
        assertEquals(2, http.metric("motionua_opcua_monitored_items"));
        double published = http.metric("motionua_opcua_publish_requests_total");
        until(
            () -> http.metric("motionua_opcua_publish_requests_total") > published,
            () -> "publish requests rise above " + published);
        until(
            () -> http.metric("motionua_opcua_notifications_total") > 0,
            () -> "notifications counted");
        assertTrue(http.metric("motionua_opcua_sessions_opened_total") >= 1);
      } finally {
        client.disconnect();
      }
      until(() -> http.metric("motionua_opcua_sessions") == 0, () -> "session closed");
    }
  }

  @Test
  void aPortInUseLeavesTheHttpPartOffAndTheOpcUaServerServing() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      MachineConfig demo = ConfigLoader.demo().withPort(ListenPorts.choose());
      MachineConfig config =
          demo.withServer(demo.server().withHttp(HttpSpec.onPort(taken.getLocalPort())));
      try (MotionUa motionUa = start(config)) {
        assertTrue(motionUa.httpPort().isEmpty(), "no HTTP endpoints");
        OpcUaClient client = OpcUaClient.create("opc.tcp://127.0.0.1:" + config.server().port());
        client.connect();
        try {
          Object state =
              client
                  .readValue(0.0, TimestampsToReturn.Neither, NodeId.parse("i=2259"))
                  .value()
                  .value();
          assertEquals(0, ((Number) state).intValue(), "ServerState Running");
        } finally {
          client.disconnect();
        }
      }
    }
  }

  /** The demo's devices behind one gateway: six drives and the gripper's I/O module (unit 10). */
  private static DriveSimulator gateway(int port) throws Exception {
    Map<Integer, SimulatedDevice> devices = new TreeMap<>();
    for (int unit = 1; unit <= 6; unit++) {
      devices.put(unit, new SimulatedDrive());
    }
    devices.put(
        10,
        new SimulatedIoModule(
            Map.of(
                RegisterTable.COIL, new int[] {0, 0},
                RegisterTable.DISCRETE_INPUT, new int[] {0, 0},
                RegisterTable.INPUT_REGISTER, new int[] {0, 0})));
    return DriveSimulator.start("127.0.0.1", port, devices);
  }
}
