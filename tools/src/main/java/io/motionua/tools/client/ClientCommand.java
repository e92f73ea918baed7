package io.motionua.tools.client;

import io.motionua.tools.HelpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code motionua client}: an OPC UA client for a shell, against any OPC UA server. */
@Command(
    name = "client",
    header = "A small OPC UA client: browse, read, write, call, watch, export-certificate.",
    mixinStandardHelpOptions = true,
    description = {
      "A small OPC UA client: browse, read, write, call and watch nodes, or export the server's",
      "certificate. Nodes are paths of browse names below Objects",
      "(DemoArm/MotionDevices/Arm/Axes/J1) or NodeIds (ns=2;i=5001, i=2258). Every subcommand",
      "takes --url, --security none|sign|sign-encrypt, --policy, --user (password from the",
      "terminal or stdin) and --json. Exit codes: 0 Good, 1 a Bad result (its StatusCode name",
      "and one line on stderr), 2 bad options."
    },
    subcommands = {
      BrowseCommand.class,
      ReadCommand.class,
      WriteCommand.class,
      CallCommand.class,
      WatchCommand.class,
      ExportCertificateCommand.class,
      HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  motionua client browse DemoArm/MotionDevices/Arm/Axes",
      "  motionua client read DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition",
      "  motionua client write DemoArm/MotionDevices/Arm/ParameterSet/SpeedOverride 50",
      "  motionua client call DemoArm/MotionDevices/Arm/Axes/J1 MoveAbsolute 45 90 360 360",
      "  motionua client watch --count 10 DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition",
      "  motionua client export-certificate -o server.der",
      "  echo secret | motionua client read --security sign-encrypt --user olga i=2259",
      "",
      "Sign and sign-encrypt use the client's certificate in --client-dir (created on first use);",
      "the server refuses it until trusted: move it from <data-dir>/pki/rejected/certs to",
      "<data-dir>/pki/trusted/certs (docs/security.md)."
    })
public final class ClientCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name a subcommand: browse, read, write, call, watch or export-certificate");
  }
}
