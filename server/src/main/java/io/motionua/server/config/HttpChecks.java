package io.motionua.server.config;

import java.util.regex.Pattern;

/**
 * Checks {@code server.http}. A bind address must look like an IP address or a host name; whether
 * it exists on this machine is only known when binding, which then disables the endpoints with a
 * warning (the OPC UA server does not depend on them).
 */
final class HttpChecks {

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private HttpChecks() {}

  static void check(HttpSpec http, Problems problems) {
    if (http == null) {
      return;
    }
    if (http.port() == null) {
      problems.add("/server/http", "server.http.port", "is required (0 picks a free port)");
    } else if (http.port() < 0 || http.port() > 65535) {
      problems.add(
          "/server/http/port", "server.http.port", "must be 0 to 65535, not " + http.port());
    }
    String address = http.bindAddress();
    if (!isAddress(address)) {
      problems.add(
          "/server/http/bindAddress",
          "server.http.bindAddress",
          "'"
              + address
              + "' is not an IP address or host name (127.0.0.1 for this PC only, 0.0.0.0 for"
              + " every interface)");
    }
  }

  static boolean isAddress(String address) {
    if (address == null || address.isEmpty()) {
      return false;
    }
    var v4 = IPV4.matcher(address);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(v4.group(i)) > 255) {
          return false;
        }
      }
      return true;
    }
    if (address.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      return false; // digits and dots that are not four octets: a mistyped IPv4 address
    }
    return IPV6.matcher(address).matches() || HOST_NAME.matcher(address).matches();
  }
}
