package io.motionua.tools.bench;

import io.motionua.drivers.modbus.SerialSettings;
import io.motionua.server.config.ConfigException;
import io.motionua.server.config.ConfigLoader;
import io.motionua.server.config.LinkSpec;
import io.motionua.server.config.MachineConfig;
import io.motionua.server.link.ModbusLinks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo arm with its drive bus on a Modbus RTU line instead of Modbus TCP: 115200 baud 8N1, the
 * same six drives and I/O module and poll period (an answer timeout of 1 s), simulated on a socat
 * pty pair whose simulator waits out the wire time of every frame (the line as the drives would see
 * it). For {@code bench opcua --calls-only --link rtu}.
 */
final class RtuDemo {

  /** The demo's tcp link lines that the rtu lines replace. */
  private static final Pattern TCP_LINK =
      Pattern.compile(
          "    type: tcp\\n    host: [^\\n]*\\n    port: [^\\n]*\\n(?s)(.*?)    timeoutMs: [0-9]+\\n");

  /**
   * The line's settings; a 1 s answer timeout instead of the demo's 250 ms, so that a stall of the
   * busy bench machine is a slow sample, not a lost answer.
   */
  private static final String RTU_LINK =
      "    type: rtu\n    baud: 115200\n    parity: none\n    dataBits: 8\n    stopBits: 1\n$1"
          + "    timeoutMs: 1000\n";

  private RtuDemo() {}

  static MachineConfig config() throws ConfigException, IOException {
    String text;
    try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEMO_RESOURCE)) {
      if (in == null) {
        throw new IOException("demo machine missing from the jar: " + ConfigLoader.DEMO_RESOURCE);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher tcp = TCP_LINK.matcher(text);
    if (!tcp.find()) {
      throw new IOException(
          "demo-arm.yaml: no 'type: tcp, host, port' lines to turn into an rtu link");
    }
    return ConfigLoader.parse("demo-arm-rtu.yaml", tcp.replaceFirst(RTU_LINK), null);
  }

  private static SerialSettings line(MachineConfig config) {
    LinkSpec link = config.links().get(0);
    return ModbusLinks.serial(link, "(pty)");
  }

  static String describe(MachineConfig config) {
    LinkSpec link = config.links().get(0);
    SerialSettings line = line(config);
    String text =
        "%s, Modbus RTU %d baud %d%s%d on a socat pty pair (simulator emulating the wire time),"
            + " %d devices, poll %d ms, silent interval %.2f ms";
    return text.formatted(
        link.name(),
        line.baud(),
        line.dataBits(),
        line.parity().name().charAt(0),
        line.stopBits(),
        config.drivesOn(link.name()).size() + config.ioDevices().size(),
        link.pollMs(),
        line.silentIntervalNanos() / 1e6);
  }

  /** One FC03 of one register on the wire: request 8 bytes, response 7, a silent interval each. */
  static long fc03WireNanos(MachineConfig config) {
    SerialSettings line = line(config);
    return line.wireNanos(8 + 7) + 2 * line.silentIntervalNanos();
  }
}
