package io.motionua.tools;

import io.motionua.server.config.ConfigException;
import io.motionua.server.config.MachineConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "check",
    header = "Check a machine file and list every problem, without starting anything.",
    mixinStandardHelpOptions = true,
    description = {
      "Check a machine file (and the profile files it names) without starting anything: every",
      "problem found, one per line as FILE:LINE:COLUMN: FIELD: PROBLEM, and exit code 2; or a",
      "one-line summary and exit code 0. A file that is not valid YAML stops at its first syntax",
      "error."
    },
    footer = {"", "Examples:", "  motionua check --config examples/rtu-line.yaml"})
final class CheckCommand implements Callable<Integer> {

  @Mixin MachineOptions machine;

  @Override
  public Integer call() {
    MachineConfig config;
    try {
      config = machine.load();
    } catch (ConfigException e) {
      for (String problem : e.problems()) {
        System.err.println(problem);
      }
      System.err.println(
          e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
      return Main.EXIT_BAD_INPUT;
    }
    long simulated = config.links().stream().filter(l -> l.isSimulated()).count();
    System.out.printf(
        "%s: machine %s is fine: %d link(s) (%d simulated), %d drive(s), %d axis(es), %d group(s)%n",
        machine.config == null ? "demo-arm.yaml" : machine.config,
        config.machine().name(),
        config.links().size(),
        simulated,
        config.drives().size(),
        config.axes().size(),
        config.groups().size());
    return 0;
  }
}
