package io.motionua.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpConfigTest {

  private static final String MACHINE = SmallMachine.YAML;

  private static MachineConfig parse(String server) throws ConfigException {
    return ConfigLoader.parse("m.yaml", server + MACHINE, null);
  }

  @Test
  void httpIsOffUnlessTheFileAsksForIt() throws Exception {
    assertNull(ConfigLoader.demo().server().http());
    assertNull(parse("server: {port: 4840}\n").server().http());
  }

  @Test
  void bindAddressDefaultsToLoopback() throws Exception {
    HttpSpec http = parse("server:\n  http: {port: 8080}\n").server().http();
    assertEquals(new HttpSpec(8080, "127.0.0.1"), http);
  }

  @Test
  void everyBadHttpFieldIsNamedWithItsPlace() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> parse("server:\n  http: {port: 70000, bindAddress: '300.1.1.1'}\n"));
    assertEquals(
        List.of(
            "m.yaml:2:10: server.http.port: must be 0 to 65535, not 70000",
            "m.yaml:2:23: server.http.bindAddress: '300.1.1.1' is not an IP address or host name"
                + " (127.0.0.1 for this PC only, 0.0.0.0 for every interface)"),
        e.problems());
  }

  @Test
  void aMissingPortIsRequired() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> parse("server:\n  http: {bindAddress: '::1'}\n"));
    assertTrue(
        e.getMessage().startsWith("m.yaml:2:3: server.http.port: is required"), e.getMessage());
  }

  @Test
  void addressesAndHostNamesAreToldFromTypos() {
    for (String good : List.of("127.0.0.1", "0.0.0.0", "::1", "::", "fe80::1", "cell-pc.local")) {
      assertTrue(HttpChecks.isAddress(good), good);
    }
    for (String bad : List.of("", "1.2.3", "256.0.0.1", "host:8080", "a b", "-x")) {
      assertFalse(HttpChecks.isAddress(bad), bad);
    }
  }
}
