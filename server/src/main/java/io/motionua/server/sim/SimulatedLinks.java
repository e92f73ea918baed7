package io.motionua.server.sim;

import io.motionua.drivers.modbus.SerialSettings;
import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.sim.DriveSimulator;
import io.motionua.drivers.sim.RtuDriveSimulator;
import io.motionua.drivers.sim.SimulatedDevice;
import io.motionua.drivers.sim.SimulatedDrive;
import io.motionua.server.config.DriveSpec;
import io.motionua.server.config.IoDeviceSpec;
import io.motionua.server.config.LinkSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.link.ModbusLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drive simulators for every link marked {@code simulated: true}, one per link, each serving
 * one simulated drive per configured unit id: a Modbus TCP server (tcp), an RTU-over-TCP server
 * (rtu-over-tcp) on the link's host and port (port 0: a free one), or an RTU slave on one end of a
 * socat pty pair (rtu), whose other end the link opens. Used by {@code serve} and by {@code sim} on
 * its own.
 */
public final class SimulatedLinks implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(SimulatedLinks.class);

  /** Where the link's master connects, as a copy of the link with its actual port or device. */
  private final Map<String, LinkSpec> endpoints = new LinkedHashMap<>();

  private final Map<String, DriveSimulator> tcp = new LinkedHashMap<>();
  private final Map<String, RtuDriveSimulator> rtu = new LinkedHashMap<>();
  private final Map<String, Map<Integer, SimulatedDevice>> drives = new LinkedHashMap<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<String> served = new ArrayList<>();
  private Path ptyDir;

  private SimulatedLinks() {}

  /**
   * Starts a simulator for each simulated link, for the server in this process: an rtu link's pty
   * pair goes in a temporary directory.
   *
   * @param portOverride when not null, the port for the first simulated link
   */
  public static SimulatedLinks start(MachineConfig config, Integer portOverride)
      throws IOException {
    return start(config, portOverride, false);
  }

  /**
   * Starts a simulator for each simulated link.
   *
   * @param portOverride when not null, the port for the first simulated tcp or rtu-over-tcp link
   * @param ptyAtDevice whether an rtu link's pty end goes at the link's {@code device} path (for
   *     {@code motionua sim}, so that a server reading the same file opens it); a link without a
   *     device, and every rtu link when false, gets a temporary path
   */
  public static SimulatedLinks start(
      MachineConfig config, Integer portOverride, boolean ptyAtDevice) throws IOException {
    SimulatedLinks links = new SimulatedLinks();
    try {
      boolean first = true;
      for (LinkSpec link : config.links()) {
        if (!link.isSimulated()) {
          continue;
        }
        Map<Integer, SimulatedDevice> byUnit = new LinkedHashMap<>();
        List<String> profiles = new ArrayList<>();
        for (DriveSpec drive : config.drivesOn(link.name())) {
          DriveProfile profile = config.profile(drive.name());
          byUnit.put(
              drive.unitId(),
              ProfileEmulation.drive("drive " + drive.name() + " on link " + link.name(), profile));
          if (!profiles.contains(profile.name())) {
            profiles.add(profile.name());
          }
        }
        for (IoDeviceSpec io : config.ioDevicesOn(link.name())) {
          byUnit.put(io.unitId(), ProfileEmulation.ioModule(io, config.profile(io.name())));
          profiles.add("I/O module " + io.name());
        }
        links.drives.put(link.name(), byUnit);
        String what = "unit ids " + byUnit.keySet() + ", profile " + String.join(", ", profiles);
        if (link.isSerial()) {
          links.startSerial(link, byUnit, ptyAtDevice, what);
        } else {
          Integer port = portOverride != null && first ? portOverride : link.port();
          first = false;
          links.startTcp(link, port, byUnit, what);
        }
      }
    } catch (IOException | RuntimeException e) {
      links.close();
      throw e;
    }
    return links;
  }

  private void startTcp(LinkSpec link, int port, Map<Integer, SimulatedDevice> byUnit, String what)
      throws IOException {
    DriveSimulator sim =
        link.type().equals(LinkSpec.RTU_OVER_TCP)
            ? DriveSimulator.startRtuOverTcp(link.host(), port, byUnit)
            : DriveSimulator.start(link.host(), port, byUnit);
    resources.add(sim);
    tcp.put(link.name(), sim);
    endpoints.put(link.name(), link.withEndpoint(link.device(), sim.port()));
    served(
        "link %s (%s): simulator on %s:%d, %s"
            .formatted(link.name(), link.type(), link.host(), sim.port(), what));
  }

  private void startSerial(
      LinkSpec link, Map<Integer, SimulatedDevice> byUnit, boolean ptyAtDevice, String what)
      throws IOException {
    Path linkEnd;
    Path simEnd;
    if (ptyAtDevice && link.device() != null) {
      linkEnd = Path.of(link.device()).toAbsolutePath();
      simEnd = linkEnd.resolveSibling(linkEnd.getFileName() + ".sim");
    } else {
      if (ptyDir == null) {
        ptyDir = Files.createTempDirectory("motionua-pty");
      }
      linkEnd = ptyDir.resolve(link.name());
      simEnd = ptyDir.resolve(link.name() + ".sim");
    }
    PtyPair pair = PtyPair.start(linkEnd, simEnd, "link " + link.name());
    resources.add(pair);
    SerialSettings line = ModbusLinks.serial(link, simEnd.toString());
    // Replies wait for the wire time at the link's baud rate: the pty then behaves like the line.
    RtuDriveSimulator sim = RtuDriveSimulator.start(line, byUnit, true);
    resources.add(sim);
    rtu.put(link.name(), sim);
    endpoints.put(link.name(), link.withEndpoint(linkEnd.toString(), link.port()));
    served(
        "link %s (rtu): simulator on pty %s; the link opens %s (%d %d%s%d, wire time emulated), %s"
            .formatted(
                link.name(),
                simEnd,
                linkEnd,
                line.baud(),
                line.dataBits(),
                line.parity().name().charAt(0),
                line.stopBits(),
                what));
  }

  private void served(String line) {
    served.add(line);
    logger.info("{}", line);
  }

  /** One line per simulated link: what it serves and where. */
  public List<String> describe() {
    return List.copyOf(served);
  }

  /**
   * The link as its master must reach it: with the simulator's actual port, or the pty end as its
   * device; the link itself when it is not simulated.
   */
  public LinkSpec endpoint(LinkSpec link) {
    return endpoints.getOrDefault(link.name(), link);
  }

  /**
   * The TCP or RTU-over-TCP simulator behind a link, or null when the link is not simulated or is
   * an rtu link (see {@link #drive} and {@link #setResponding} for those).
   */
  public DriveSimulator simulator(String link) {
    return tcp.get(link);
  }

  /**
   * The simulated CiA 402 drive with a unit id on a simulated link, of any type.
   *
   * @throws IllegalArgumentException when there is none (no such unit, or a trigger-scheme drive:
   *     see {@link #device})
   */
  public SimulatedDrive drive(String link, int unitId) {
    if (device(link, unitId) instanceof SimulatedDrive drive) {
      return drive;
    }
    throw new IllegalArgumentException(
        "simulated drive %d on link %s is not a CiA 402 drive".formatted(unitId, link));
  }

  /** The simulated device with a unit id on a simulated link, whatever its scheme. */
  public SimulatedDevice device(String link, int unitId) {
    Map<Integer, SimulatedDevice> byUnit = drives.get(link);
    SimulatedDevice device = byUnit == null ? null : byUnit.get(unitId);
    if (device == null) {
      throw new IllegalArgumentException(
          "no simulated drive %d on link %s".formatted(unitId, link));
    }
    return device;
  }

  /** When false, the simulator leaves requests to the unit id unanswered. */
  public void setResponding(String link, int unitId, boolean responding) {
    if (tcp.containsKey(link)) {
      tcp.get(link).setResponding(unitId, responding);
    } else if (rtu.containsKey(link)) {
      rtu.get(link).setResponding(unitId, responding);
    } else {
      throw new IllegalArgumentException("link " + link + " is not simulated");
    }
  }

  /** Stops the simulators and socat, newest first, and removes the temporary pty directory. */
  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        logger.warn("stopping simulator part {} failed: {}", resources.get(i), e.toString());
      }
    }
    resources.clear();
    tcp.clear();
    rtu.clear();
    if (ptyDir != null) {
      try (var entries = Files.list(ptyDir)) {
        for (Path p : entries.toList()) {
          Files.deleteIfExists(p);
        }
        Files.deleteIfExists(ptyDir);
      } catch (IOException e) {
        logger.debug("could not remove {}: {}", ptyDir, e.toString());
      }
      ptyDir = null;
    }
  }
}
