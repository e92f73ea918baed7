package io.motionua.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.opcua.ListenPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code motionua serve} from this build's jar on a port of its own (ListenPorts), ready once it
 * logged its endpoint. Extra arguments go after {@code --port} and {@code --data-dir}: a machine
 * file, log options, an HTTP port.
 */
final class ServeProcess implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(120);
  private static final String J1_STATE = "DemoArm/MotionDevices/Arm/Axes/J1/ParameterSet/AxisState";

  final int port;
  final String url;
  final LoggedProcess process;

  private ServeProcess(int port, LoggedProcess process) {
    this.port = port;
    this.url = "opc.tcp://127.0.0.1:" + port;
    this.process = process;
  }

  static ServeProcess start(Path dataDir, String... extra) throws java.io.IOException {
    int port = ListenPorts.choose();
    List<String> args =
        new ArrayList<>(
            List.of("serve", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
    args.addAll(List.of(extra));
    ServeProcess serve =
        new ServeProcess(
            port,
            LoggedProcess.start("serve", ItSupport.motionuaCommand(args.toArray(String[]::new))));
    serve.process.awaitLine(Pattern.compile("opc\\.tcp://\\S*:" + port + "(?!\\d)"), READY);
    return serve;
  }

  /** Runs {@code motionua client COMMAND --url URL ARGS...} against this server. */
  ItSupport.Result client(String command, String... args) {
    List<String> all = new ArrayList<>(List.of("client", command, "--url", url));
    all.addAll(List.of(args));
    return ItSupport.run(ItSupport.motionuaCommand(all.toArray(String[]::new)), null, READY);
  }

  /** The demo powers its axes on start: waits until J1 stands (AxisState 1 = Standstill). */
  void awaitDemoJ1Standstill() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!client("read", J1_STATE).stdout().contains("= 1 (Good")) {
      assertTrue(System.nanoTime() < deadline, process::describe);
      ItSupport.sleep(200);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
