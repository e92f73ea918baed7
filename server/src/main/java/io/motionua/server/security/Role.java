package io.motionua.server.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a user may do, each role including everything the ones before it may. The order is the
 * point: a check asks whether a session's role is at least the one an action needs.
 */
public enum Role {
  /** Browse, read and subscribe. */
  VIEWER,
  /** Also setpoints and motion commands. */
  OPERATOR,
  /** Also software limits and tuning values. */
  ENGINEER,
  /** Everything. */
  ADMIN;

  /** Whether this role may do what {@code needed} may do. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The name used in the machine file and in messages: {@code viewer}, {@code operator}, ... */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role a machine file names, if it names one. */
  public static Optional<Role> fromConfigName(String name) {
    return Arrays.stream(values()).filter(r -> r.configName().equals(name)).findFirst();
  }

  /** {@code viewer, operator, engineer, admin}, for messages. */
  public static String configNames() {
    return Arrays.stream(values()).map(Role::configName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return configName();
  }
}
