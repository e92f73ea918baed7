package io.motionua.server.security;

import io.motionua.server.config.UserSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The users of a machine file, by name, and the check of a password against one of them. */
public final class UserDirectory {

  private record Entry(String passwordHash, Role role) {}

  private final Map<String, Entry> users;

  /**
   * One decoy hash per bcrypt cost the users' hashes have. An unknown name is checked against the
   * decoy of a cost picked from the name with a key made at start, in the same proportions as the
   * users' costs: a refusal then takes as long as for a known name, and even where users' costs
   * differ, the time of one name does not tell whether it exists.
   */
  private final List<String> decoys;

  private final byte[] decoyKey = new byte[32];

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
    List<Integer> costs =
        specs.stream().map(u -> PasswordHash.cost(u.passwordHash())).sorted().toList();
    this.decoys =
        (costs.isEmpty() ? List.of(PasswordHash.COST) : costs)
            .stream().map(UserDirectory::decoyOfCost).toList();
    new SecureRandom().nextBytes(decoyKey);
  }

  private static final Map<Integer, String> DECOYS_BY_COST = new ConcurrentHashMap<>();

  private static String decoyOfCost(int cost) {
    return DECOYS_BY_COST.computeIfAbsent(
        cost, c -> PasswordHash.hash("not a user".toCharArray(), c));
  }

  /** The decoy hash an unknown name is checked against. */
  String decoyFor(String name) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(decoyKey, "HmacSHA256"));
      byte[] h = mac.doFinal(String.valueOf(name).getBytes(StandardCharsets.UTF_8));
      int pick = Math.floorMod(((h[0] & 0xFF) << 8) | (h[1] & 0xFF), decoys.size());
      return decoys.get(pick);
    } catch (GeneralSecurityException e) {
      return decoys.get(0); // HmacSHA256 is in every JDK
    }
  }

  /** The user's role when the password is right; empty for a wrong password or unknown user. */
  public Optional<Role> authenticate(String name, String password) {
    Entry entry = users.get(name);
    char[] chars = password == null ? new char[0] : password.toCharArray();
    if (entry == null) {
      PasswordHash.matches(decoyFor(name), chars);
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
