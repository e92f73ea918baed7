package io.motionua.server.sim;

import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.config.DriveSpec;
import io.motionua.server.config.LinkSpec;
import io.motionua.server.config.MachineConfig;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drive simulators for every link marked {@code simulated: true}: one Modbus TCP slave per link
 * on the link's host and port (port 0: a free one), serving one simulated drive per configured unit
 * id. Used by {@code serve} for the demo and by {@code sim} on its own.
 */
public final class SimulatedLinks implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(SimulatedLinks.class);

  private final Map<String, DriveSimulator> byLink = new LinkedHashMap<>();

  private SimulatedLinks() {}

  /**
   * Starts a simulator for each simulated link.
   *
   * @param portOverride when not null, the port for the first simulated link
   */
  public static SimulatedLinks start(MachineConfig config, Integer portOverride)
      throws IOException {
    SimulatedLinks links = new SimulatedLinks();
    try {
      for (LinkSpec link : config.links()) {
        if (!link.isSimulated()) {
          continue;
        }
        Map<Integer, SimulatedDrive> drives = new LinkedHashMap<>();
        for (DriveSpec drive : config.drivesOn(link.name())) {
          drives.put(drive.unitId(), new SimulatedDrive());
        }
        int port = portOverride != null && links.byLink.isEmpty() ? portOverride : link.port();
        DriveSimulator sim = DriveSimulator.start(link.host(), port, drives);
        links.byLink.put(link.name(), sim);
        logger.info(
            "simulator listening on {}:{} for link {} (unit ids {})",
            link.host(),
            sim.port(),
            link.name(),
            drives.keySet());
      }
    } catch (IOException | RuntimeException e) {
      links.close();
      throw e;
    }
    return links;
  }

  /** The simulator behind a link, or null when the link is not simulated. */
  public DriveSimulator simulator(String link) {
    return byLink.get(link);
  }

  public Map<String, DriveSimulator> all() {
    return Collections.unmodifiableMap(byLink);
  }

  @Override
  public void close() {
    for (DriveSimulator sim : byLink.values()) {
      sim.close();
    }
    byLink.clear();
  }
}
