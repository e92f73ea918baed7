package io.motionua.tools.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "watch",
    header = "Subscribe to variables and print one line per change.",
    mixinStandardHelpOptions = true,
    description = {
      "Subscribe to variables and print one line per change (the first line of each is its",
      "current value), until Ctrl-C, or until --count lines were printed."
    },
    footer = {
      "",
      "Examples:",
      "  motionua client watch DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition",
      "  motionua client watch --interval-ms 50 --count 20 --json \\",
      "      DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/ActualPosition \\",
      "      DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/AxisState"
    })
final class WatchCommand extends ClientSubcommand {

  @Parameters(arity = "1..*", paramLabel = "NODE", description = "Paths below Objects or NodeIds.")
  List<String> nodes;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "Stop after N lines (default: run until Ctrl-C).")
  Integer count;

  @Option(
      names = "--interval-ms",
      paramLabel = "MS",
      defaultValue = "100",
      description = "Sampling and publishing interval (default: ${DEFAULT-VALUE}).")
  double intervalMs;

  @Override
  int run(OpcUaClient client, Output out) throws ClientFailure, UaException {
    if (count != null && count < 1) {
      throw new picocli.CommandLine.ParameterException(
          options.spec.commandLine(), "--count must be at least 1");
    }
    CountDownLatch done = new CountDownLatch(count == null ? 1 : count);
    OpcUaSubscription subscription = new OpcUaSubscription(client, intervalMs);
    subscription.create();
    List<OpcUaMonitoredItem> items = new ArrayList<>();
    for (String name : nodes) {
      OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(NodeAddress.resolve(client, name));
      item.setSamplingInterval(intervalMs);
      item.setDataValueListener(
          (i, value) -> {
            synchronized (done) {
              if (count != null && done.getCount() == 0) {
                return; // enough lines; more may arrive before the session closes
              }
              ReadCommand.print(out, name, value);
              if (count != null) {
                done.countDown();
              }
            }
          });
      subscription.addMonitoredItem(item);
      items.add(item);
    }
    subscription.synchronizeMonitoredItems();
    for (int i = 0; i < items.size(); i++) {
      StatusCode created = items.get(i).getCreateResult().orElse(StatusCode.GOOD);
      if (created.isBad()) {
        throw new ClientFailure(created, "cannot watch " + nodes.get(i));
      }
    }
    try {
      // Until the count is reached, or Ctrl-C ends the process; Milo reconnects meanwhile.
      while (!done.await(1, TimeUnit.SECONDS)) {
        continue;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
