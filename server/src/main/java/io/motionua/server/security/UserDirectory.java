package io.motionua.server.security;

import io.motionua.server.config.UserSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  private final List<Future<String>> decoys;

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

  private static final Map<Integer, Future<String>> DECOYS_BY_COST = new ConcurrentHashMap<>();

  /** Longest a check waits for its decoy; far beyond bcrypt's cost 14 on a busy machine. */
  private static final long DECOY_WAIT_S = 60;

  /**
   * The decoy of a cost, made once per process on a thread of its own (tens to hundreds of
   * milliseconds of CPU each): a start does not wait for it, a check does.
   */
  private static Future<String> decoyOfCost(int cost) {
    return DECOYS_BY_COST.computeIfAbsent(
        cost,
        c -> {
          FutureTask<String> task =
              new FutureTask<>(() -> PasswordHash.hash("not a user".toCharArray(), c));
          Thread maker = new Thread(task, "bcrypt-decoy-" + c);
          maker.setDaemon(true);
          maker.start();
          return task;
        });
  }

  /** The decoy hash an unknown name is checked against. */
  String decoyFor(String name) {
    int pick;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(decoyKey, "HmacSHA256"));
      byte[] h = mac.doFinal(String.valueOf(name).getBytes(StandardCharsets.UTF_8));
      pick = Math.floorMod(((h[0] & 0xFF) << 8) | (h[1] & 0xFF), decoys.size());
    } catch (GeneralSecurityException e) {
      pick = 0; // HmacSHA256 is in every JDK
    }
    try {
      return decoys.get(pick).get(DECOY_WAIT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PasswordHash.hash("not a user".toCharArray(), PasswordHash.COST);
    } catch (ExecutionException | TimeoutException e) {
      return PasswordHash.hash("not a user".toCharArray(), PasswordHash.COST);
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
