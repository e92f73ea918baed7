package io.motionua.server.security;

import io.motionua.server.config.UserSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The users of a machine file, by name, and the check of a password against one of them. */
public final class UserDirectory {

  /** Checked for unknown names, so that the answer takes as long as for a known one. */
  private static final class Decoy {
    static final String HASH = PasswordHash.hash("not a user".toCharArray());
  }

  private record Entry(String passwordHash, Role role) {}

  private final Map<String, Entry> users;

  /** Users as the config validator accepted them (valid hashes, known roles, unique names). */
  public UserDirectory(List<UserSpec> specs) {
    this.users =
        specs.stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    UserSpec::name,
                    u ->
                        new Entry(
                            u.passwordHash(),
                            Role.fromConfigName(u.role())
                                .orElseThrow(
                                    () ->
                                        new IllegalArgumentException(
                                            "unknown role " + u.role())))));
  }

  /** The user's role when the password is right; empty for a wrong password or unknown user. */
  public Optional<Role> authenticate(String name, String password) {
    Entry entry = users.get(name);
    char[] chars = password == null ? new char[0] : password.toCharArray();
    if (entry == null) {
      PasswordHash.matches(Decoy.HASH, chars);
      return Optional.empty();
    }
    return PasswordHash.matches(entry.passwordHash(), chars)
        ? Optional.of(entry.role())
        : Optional.empty();
  }

  public boolean isEmpty() {
    return users.isEmpty();
  }

  public int size() {
    return users.size();
  }
}
