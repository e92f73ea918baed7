package io.motionua.server;

import io.motionua.drivers.Link;
import io.motionua.drivers.SignalListener;
import io.motionua.drivers.SignalValue;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.audit.AuditLog;
import io.motionua.server.axis.AxisController;
import io.motionua.server.axis.AxisUnits;
import io.motionua.server.axis.MoveLog;
import io.motionua.server.axis.PowerOnStart;
import io.motionua.server.config.AuditSpec;
import io.motionua.server.config.AxisSpec;
import io.motionua.server.config.DriveSpec;
import io.motionua.server.config.GroupSpec;
import io.motionua.server.config.LinkSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.config.MotorSpec;
import io.motionua.server.events.ConditionTypeWarmup;
import io.motionua.server.group.AxisGroup;
import io.motionua.server.history.History;
import io.motionua.server.history.external.ExternalHistorian;
import io.motionua.server.http.HttpEndpoints;
import io.motionua.server.http.ServedMachine;
import io.motionua.server.link.ModbusLinks;
import io.motionua.server.opcua.DelegatedWrites;
import io.motionua.server.opcua.LinkDiagnosticsPublisher;
import io.motionua.server.opcua.MachineNamespace;
import io.motionua.server.opcua.ModelLoader;
import io.motionua.server.opcua.MotionUaServer;
import io.motionua.server.opcua.diagnostics.RefusalDiagnostics;
import io.motionua.server.security.AccessFilters;
import io.motionua.server.security.StackWriteRefusals;
import io.motionua.server.session.ConnectionLimits;
import io.motionua.server.sim.SimulatedLinks;
import io.motionua.server.sparkplug.SparkplugPublisher;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.model.objects.ServerDiagnosticsTypeNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running machine server: simulators (for simulated links), Modbus links, axis controllers and
 * the OPC UA server. {@link #start()} brings them up in that order; {@link #close()} takes them
 * down in reverse, each step bounded, so Ctrl-C ends the process within about two seconds.
 */
public final class MotionUa implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(MotionUa.class);

  /**
   * How long Milo may take to close sessions and transports on shutdown; what is still open then
   * goes with the process. Keeps Ctrl-C/SIGTERM under two seconds with clients connected.
   */
  static final long SERVER_SHUTDOWN_MS = 800;

  /** How often link counters are copied into their variables. */
  static final long DIAGNOSTICS_PERIOD_MS = 1000;

  private final MachineConfig config;
  private final Path dataDir;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Map<String, Link> links = new LinkedHashMap<>();
  private SimulatedLinks simulators;
  private final Map<String, AxisController> axes = new LinkedHashMap<>();
  private final Map<String, AxisGroup> groups = new LinkedHashMap<>();
  private ScheduledExecutorService timers;
  private OpcUaServer server;
  private ConnectionLimits connections;
  private MachineNamespace namespace;
  private HttpEndpoints http;
  private AuditLog audit;
  private MoveLog moveLog;
  private History history;
  private ExternalHistorian historyExternal;
  private SparkplugPublisher sparkplug;

  @Inject
  public MotionUa(MachineConfig config, @Named("dataDir") Path dataDir) {
    this.config = config;
    this.dataDir = dataDir;
  }

  /**
   * Builds the address space without opening any socket: no simulators, no links started, no
   * endpoint bound. For exporting the model ({@code motionua nodeset export}); {@link #close()}
   * releases it.
   */
  public synchronized OpcUaServer buildOffline() throws Exception {
    try {
      timers = newTimers();
      started.push(() -> shutdown(timers, "motion-timers"));
      createLinks();
      buildAddressSpace();
      return server;
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** Starts everything; on failure, stops what had started and rethrows. */
  public synchronized void start() throws Exception {
    long t0 = System.nanoTime();
    try {
      timers = newTimers();
      started.push(() -> shutdown(timers, "motion-timers"));
      // Before the links, so that it writes the moves' lines until the links have stopped.
      moveLog = new MoveLog();
      started.push(moveLog);
      startSimulators();
      createLinks();
      buildAddressSpace();
      server.startup().get(20, TimeUnit.SECONDS);
      enableServerDiagnostics(server);
      OpcUaServer s = server;
      started.push(() -> MotionUaServer.shutdown(s, SERVER_SHUTDOWN_MS));
      startHistory();
      for (Link link : links.values()) {
        link.start();
      }
      // Stop polling before the address space goes: no value may reach a deleted node.
      started.push(() -> links.values().forEach(Link::close));
      timers.scheduleAtFixedRate(
          new LinkDiagnosticsPublisher(namespace, config.machine().name(), links),
          0,
          DIAGNOSTICS_PERIOD_MS,
          TimeUnit.MILLISECONDS);
      powerOnStart();
      startSparkplug();
      startHttp();
    } catch (Exception e) {
      close();
      throw e;
    }
    logger.info(
        "MotionUA ready in {} ms: machine {} with {} axes on {} link(s)",
        (System.nanoTime() - t0) / 1_000_000,
        config.machine().name(),
        axes.size(),
        links.size());
    String policies =
        (Boolean.TRUE.equals(config.server().securityNone()) ? "None, " : "")
            + "Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss";
    String anonymous = config.server().anonymousRole().map(r -> "as " + r).orElse("off");
    for (String url : MotionUaServer.endpointUrls(config)) {
      logger.info(
          "endpoint {} (security: {}; anonymous: {}; users: {})",
          url,
          policies,
          anonymous,
          config.server().users().size());
    }
  }

  private static ScheduledExecutorService newTimers() {
    var executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "motion-timers");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private void startSimulators() throws IOException {
    simulators = SimulatedLinks.start(config, null);
    started.push(simulators);
  }

  private void buildAddressSpace() throws Exception {
    AuditSpec limits = config.server().audit();
    audit =
        AuditLog.open(
            dataDir, limits.queue(), limits.maxFileMb(), limits.maxFiles(), limits.maxDays());
    started.push(audit);
    connections = MotionUaServer.connectionLimits(config);
    server = MotionUaServer.create(config, dataDir, audit, connections);
    OpcUaServer created = server;
    started.push(() -> closeTrustLists(created));
    // Overlaps with loading the types and building the namespace; the alarms wait for it.
    started.push(ConditionTypeWarmup.start(server));
    started.push(MotionUaServer.gateSessions(server, config, audit));
    ModelLoader.loadTypes(server);
    namespace = new MachineNamespace(server, config, axes, groups, links);
    namespace.startup();
    AccessFilters.install(namespace.getNodeManager(), audit);
    StackWriteRefusals.install(server, audit, RefusalDiagnostics.attributeServices(server));
    started.push(namespace::shutdown);
  }

  /** Creates (does not start) a link per configured link and a controller per axis. */
  private void createLinks() {
    for (LinkSpec configured : config.links()) {
      LinkSpec spec = simulators == null ? configured : simulators.endpoint(configured);
      if (spec.isSerial() && spec.device() == null) {
        // Offline, a simulated rtu link's pty is never opened; it only needs a name.
        spec = spec.withEndpoint("(simulated)", null);
      }
      Link link = ModbusLinks.create(config, spec);
      links.put(spec.name(), link);
      started.push(link);
    }
    Map<String, AxisController> byDrive = new LinkedHashMap<>();
    for (AxisSpec axis : config.axes()) {
      MotorSpec motor = config.motor(axis.motor()).orElseThrow();
      DriveSpec drive = config.drive(motor.drive()).orElseThrow();
      AxisController controller =
          new AxisController(
              axis,
              drive.name(),
              links.get(drive.link()),
              AxisUnits.of(axis, motor, config.reducer(axis.reducer()).orElseThrow()),
              timers,
              config.profile(drive.name()));
      if (moveLog != null) {
        controller.addMoveListener(moveLog);
      }
      axes.put(axis.name(), controller);
      byDrive.put(drive.name(), controller);
    }
    for (GroupSpec spec : config.groups()) {
      AxisGroup group = new AxisGroup(spec, spec.axes().stream().map(axes::get).toList(), timers);
      groups.put(spec.name(), group);
      started.push(group);
    }
    for (Link link : links.values()) {
      link.addListener(
          new SignalListener() {
            @Override
            public void onValues(String device, Map<String, SignalValue> values) {
              AxisController controller = byDrive.get(device);
              if (controller != null) {
                controller.onSignals(values);
              } else if (namespace != null) {
                namespace.updateIoDevice(device, values);
              }
            }

            // Every value of a device turns Uncertain at its first missed answer: a plain
            // device's tags and an axis's values alike. The axis's state waits for the end of the
            // poll (a powered axis that lost its drive goes to ErrorStop, and a retry that is
            // answered must not trip it).
            @Override
            public void onMissedAnswer(String device, Map<String, SignalValue> values) {
              AxisController controller = byDrive.get(device);
              if (controller != null) {
                controller.onMissedAnswer(values);
              } else if (namespace != null) {
                namespace.updateIoDevice(device, values);
              }
            }
          });
    }
  }

  /**
   * Recording for HistoryRead (on unless the file's history section turns it off), and into the
   * external historian when the section names one; that stops after the recording.
   */
  private void startHistory() throws Exception {
    if (config.history().isEnabled()) {
      if (config.history().external() != null) {
        historyExternal =
            ExternalHistorian.start(config.history().external(), dataDir, config.machine().name());
        started.push(historyExternal);
      }
      history =
          History.start(
              config.history(),
              dataDir,
              server,
              namespace,
              namespace.eventScopes(),
              historyExternal);
      started.push(history);
    }
  }

  /** The external historian; null when the history section names none. */
  public synchronized ExternalHistorian historyExternal() {
    return historyExternal;
  }

  /** The history recorder, once started; null when recording is off. */
  public synchronized History history() {
    return history;
  }

  /** The optional /health and /metrics endpoints; they stop first, before what they look at. */
  private void startHttp() {
    if (config.server().http() == null) {
      return;
    }
    ServedMachine served =
        new ServedMachine(
            config.machine().name(),
            links(),
            axes(),
            groups(),
            server,
            namespace.alarms(),
            config.server().users(),
            audit,
            sparkplug,
            historyExternal,
            history == null ? null : history.writer());
    HttpEndpoints.start(config.server().http(), served)
        .ifPresent(
            endpoints -> {
              http = endpoints;
              started.push(endpoints);
            });
  }

  /**
   * Sparkplug B publication when the file asks for it; it stops right after the HTTP endpoints that
   * report on it, before the links (its NDEATH goes out).
   */
  private void startSparkplug() {
    DelegatedWrites writes = null;
    if (config.sparkplug() != null && !config.sparkplug().commands().isEmpty()) {
      writes = new DelegatedWrites(namespace, config.server().users());
      started.push(writes);
    }
    SparkplugPublisher.start(config, dataDir, axes, links, audit, writes)
        .ifPresent(
            publisher -> {
              sparkplug = publisher;
              started.push(publisher);
            });
  }

  /** The Sparkplug edge node, when the machine file has a {@code sparkplug} section. */
  public synchronized java.util.Optional<SparkplugPublisher> sparkplug() {
    return java.util.Optional.ofNullable(sparkplug);
  }

  /** The port of the HTTP endpoints; empty when they are off or could not listen. */
  /** The bounds on OPC UA connections and what they closed; null before start. */
  public synchronized ConnectionLimits connectionLimits() {
    return connections;
  }

  public synchronized OptionalInt httpPort() {
    return http == null ? OptionalInt.empty() : OptionalInt.of(http.port());
  }

  /** enableOnStart: each such axis is powered once its drive answers, however late. */
  private void powerOnStart() {
    for (AxisController axis : axes.values()) {
      if (Boolean.TRUE.equals(axis.spec().enableOnStart())) {
        DriveSpec drive = config.drive(axis.device()).orElseThrow();
        PowerOnStart power =
            new PowerOnStart(
                axis, drive.link(), timers, text -> namespace.noteDriveError(drive.name(), text));
        started.push(power);
        power.start();
      }
    }
  }

  public MachineConfig config() {
    return config;
  }

  /** The OPC UA server, once started. */
  public OpcUaServer server() {
    return server;
  }

  public Map<String, AxisController> axes() {
    return Collections.unmodifiableMap(axes);
  }

  /** The axis groups of the config, by name. */
  public Map<String, AxisGroup> groups() {
    return Collections.unmodifiableMap(groups);
  }

  /** The TCP or RTU-over-TCP simulator behind a simulated link, for tests and benchmarks. */
  public DriveSimulator simulator(String link) {
    return simulators == null ? null : simulators.simulator(link);
  }

  /** The simulators of the simulated links (any type), once started; null before. */
  public SimulatedLinks simulators() {
    return simulators;
  }

  /** The simulated drive with a unit id on a simulated link of any type. */
  public SimulatedDrive simulatedDrive(String link, int unitId) {
    return simulators.drive(link, unitId);
  }

  public Map<String, Link> links() {
    return Collections.unmodifiableMap(links);
  }

  /** Stops everything that started, newest first. Never throws. */
  @Override
  public synchronized void close() {
    http = null;
    history = null;
    historyExternal = null;
    while (!started.isEmpty()) {
      AutoCloseable c = started.pop();
      long t0 = System.nanoTime();
      try {
        c.close();
        logger.debug("stopped {} in {} ms", c, (System.nanoTime() - t0) / 1_000_000);
      } catch (Exception e) {
        logger.warn("stopping {} failed: {}", c, e.toString());
      }
    }
  }

  /** Turns on the Server object's diagnostics (sessions, subscriptions, request counts). */
  private static void enableServerDiagnostics(OpcUaServer server) {
    server
        .getAddressSpaceManager()
        .getManagedNode(NodeIds.Server_ServerDiagnostics)
        .filter(ServerDiagnosticsTypeNode.class::isInstance)
        .map(ServerDiagnosticsTypeNode.class::cast)
        .ifPresent(node -> node.setEnabledFlag(true));
  }

  /** Stops the file watchers of the server's trust lists (they outlive the server otherwise). */
  private static void closeTrustLists(OpcUaServer server) throws Exception {
    for (var group : server.getConfig().getCertificateManager().getCertificateGroups()) {
      if (group.getTrustListManager() instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  private static void shutdown(ScheduledExecutorService executor, String name)
      throws InterruptedException {
    executor.shutdownNow();
    if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
      logger.warn("executor {} did not stop within 1 s", name);
    }
  }
}
