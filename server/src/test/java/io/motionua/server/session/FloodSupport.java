package io.motionua.server.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.motionua.server.Waits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;

/** What the flood tests share: a raw Hello, this process's descriptors, a normal client's read. */
final class FloodSupport {

  private FloodSupport() {}

  /** An OPC UA TCP Hello message (Part 6, 7.1.2.3). */
  static byte[] hello(String endpointUrl) {
    byte[] url = endpointUrl.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(32 + url.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("HELF".getBytes(StandardCharsets.US_ASCII)).putInt(32 + url.length);
    b.putInt(0).putInt(65536).putInt(65536).putInt(0).putInt(0);
    b.putInt(url.length).put(url);
    return b.array();
  }

  /** Open file descriptors of this process (/proc/self/fd). */
  static long descriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new AssertionError("cannot list /proc/self/fd", e);
    }
  }

  /** A normal client: connects, reads the server's state (Good), disconnects. */
  static void readOnce(int port) throws Exception {
    OpcUaClient client = OpcUaClient.create("opc.tcp://127.0.0.1:" + port);
    client.connect();
    try {
      DataValue state =
          client.readValue(0.0, TimestampsToReturn.Neither, NodeIds.Server_ServerStatus_State);
      assertTrue(state.statusCode().isGood(), state.toString());
    } finally {
      client.disconnect();
    }
  }

  /** Waits for the condition (every 20 ms), failing with {@code what} after {@code boundMs}. */
  static void waitUntil(BooleanSupplier condition, long boundMs, String what) throws Exception {
    Waits.until(condition::getAsBoolean, boundMs, what);
  }

  /** As above, the failure's text made when it fails. */
  static void waitUntil(BooleanSupplier condition, long boundMs, Supplier<String> what)
      throws Exception {
    Waits.until(condition::getAsBoolean, Duration.ofMillis(boundMs), what::get);
  }
}
