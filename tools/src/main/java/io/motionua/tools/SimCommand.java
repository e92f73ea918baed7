package io.motionua.tools;

import io.motionua.server.config.MachineConfig;
import io.motionua.server.sim.SimulatedLinks;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "sim",
    header = "Serve the simulated drives of a machine file for another process to talk to.",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the simulated drives of a machine file, so that another process (motionua serve",
      "--config FILE --no-simulate, mbpoll, any Modbus master) can talk to them. Every link",
      "marked 'simulated: true' gets one simulator with one drive per unit id: a tcp link a",
      "Modbus TCP server on its host and port (port 0: a free one), an rtu-over-tcp link an RTU",
      "over TCP server there, an rtu link a socat pty pair whose end the server opens is at the",
      "link's device path (DEVICE.sim is the simulator's). One line per link says what is",
      "served where. The register layout is in docs/drive-registers.md."
    },
    footer = {
      "",
      "Examples:",
      "  motionua sim --config examples/demo-arm.yaml",
      "  motionua sim --config examples/demo-arm.yaml --port 1502",
      "  mbpoll -m tcp -p 1502 -a 1 -t 4 -r 2 -c 1 -1 127.0.0.1    (read drive 1's statusword)",
      "  motionua sim --config examples/rtu-line.yaml    (then: motionua serve --config",
      "      examples/rtu-line.yaml --no-simulate)"
    })
final class SimCommand implements Callable<Integer> {

  private static final Logger logger = LoggerFactory.getLogger(SimCommand.class);

  @Mixin MachineOptions machine;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "N",
      description = "Port for the first simulated tcp or rtu-over-tcp link, overriding the file.")
  Integer port;

  @Override
  public Integer call() {
    MachineConfig config = machine.loadOrReport();
    if (config == null) {
      return Main.EXIT_BAD_INPUT;
    }
    if (config.links().stream().noneMatch(l -> l.isSimulated())) {
      System.err.println(
          "motionua: "
              + (machine.config == null ? "the demo" : machine.config)
              + ": no link has 'simulated: true', so there is nothing to simulate");
      return Main.EXIT_BAD_INPUT;
    }
    SimulatedLinks sims;
    try {
      sims = SimulatedLinks.start(config, port, true);
    } catch (IOException e) {
      logger.error("simulator start failed: {}", e.getMessage());
      return Main.EXIT_FAILED;
    }
    for (String line : sims.describe()) {
      System.out.println(line);
    }
    System.out.flush();
    UntilStopped.onShutdown("motionua-sim-shutdown", sims::close).await();
    return 0;
  }
}
