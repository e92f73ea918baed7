package io.motionua.tools;

import io.motionua.drivers.profile.DriveProfile;
import io.motionua.drivers.profile.ProfileException;
import io.motionua.drivers.profile.ProfileLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code motionua profile check FILE}: checks a drive profile against the format's JSON Schema and
 * what a schema cannot say (overlapping registers, references of the motion section), printing
 * every problem as {@code file:line:column: message}.
 */
@Command(
    name = "check",
    header = "Check a drive profile file and list every problem with line and column.",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  motionua profile check drives/sv200-custom.yaml",
      "  motionua profile check --help"
    },
    description = {
      "Checks a drive profile file and prints every problem as file:line:column: message.",
      "Exit code 0 when the profile is good (a one-line summary is printed), 2 when not."
    })
final class ProfileCheckCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The profile YAML file.")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      DriveProfile profile = ProfileLoader.load(file);
      out.printf(
          "%s: profile %s is good: %d signals, scheme %s, %s%n",
          file,
          profile.name(),
          profile.signals().size(),
          profile.motion().isPresent() ? "trigger" : "cia402",
          profile.verifiedOnHardware() ? "verified on hardware" : "not verified on hardware");
      out.flush();
      return 0;
    } catch (ProfileException e) {
      for (ProfileException problem : e.problems()) {
        err.println(problem.getMessage());
      }
      err.printf("%s: %d problem(s)%n", file, e.problems().size());
      err.flush();
      return Main.EXIT_BAD_INPUT;
    }
  }
}
