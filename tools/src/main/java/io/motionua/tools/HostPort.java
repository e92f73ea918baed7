package io.motionua.tools;

/** A {@code HOST:PORT} option value; {@link #toString()} prints what {@link #parse} reads. */
record HostPort(String host, int port) {

  /**
   * @throws IllegalArgumentException naming the option and echoing the value
   */
  static HostPort parse(String option, String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "%s: '%s' is not HOST:PORT (e.g. 192.168.0.20:502)".formatted(option, text));
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "%s: port '%s' in '%s' is not 1-65535"
              .formatted(option, text.substring(colon + 1), text));
    }
    return new HostPort(text.substring(0, colon), port);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
