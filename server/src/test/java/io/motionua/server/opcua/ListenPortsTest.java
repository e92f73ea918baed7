package io.motionua.server.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenPortsTest {

  @Test
  void aChosenPortIsBelowTheEphemeralRangeAndCanBeBound() throws Exception {
    int port = ListenPorts.choose("127.0.0.1");
    assertTrue(
        port >= ListenPorts.LOWEST && port < ListenPorts.ephemeralLow(),
        port + " not in " + ListenPorts.LOWEST + ".." + ListenPorts.ephemeralLow());
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, s.getLocalPort());
    }
  }

  @Test
  void noPortIsHandedOutTwice() throws Exception {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      assertTrue(seen.add(ListenPorts.choose("127.0.0.1")), "repeated after " + i + " ports");
    }
  }

  @Test
  void aPortSomethingListensOnIsNotChosen() throws Exception {
    List<ServerSocket> held = new ArrayList<>();
    Set<Integer> taken = new HashSet<>();
    try {
      for (int i = 0; i < 50; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        taken.add(s.getLocalPort());
      }
      // Kernel-assigned ports lie in the ephemeral range: the chooser never competes with them.
      for (int i = 0; i < 200; i++) {
        int port = ListenPorts.choose("127.0.0.1");
        assertFalse(taken.contains(port), "chose " + port + ", which a port-0 socket holds");
        assertTrue(port < ListenPorts.ephemeralLow(), port + " is in the ephemeral range");
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  @Test
  void theEphemeralRangeIsTheKernels() throws Exception {
    String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
    int low = Integer.parseInt(range.trim().split("\\s+")[0]);
    assertEquals(low > ListenPorts.LOWEST + 1000 ? low : 32768, ListenPorts.ephemeralLow());
  }
}
