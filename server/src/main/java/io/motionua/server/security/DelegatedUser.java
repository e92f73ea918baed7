package io.motionua.server.security;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A configured user on whose behalf the server itself writes a value that did not come over OPC UA
 * (a Sparkplug DCMD mapped to a user in {@code sparkplug.commands}). While {@link #call} runs on a
 * thread, a write without a session on that thread is checked against this user's role and audited
 * under this user's name by the same {@link WriteAccessFilter} as an OPC UA write; outside of it, a
 * write without a session is the server's own and passes.
 *
 * @param name the user's name in {@code server.users}
 * @param role the user's role
 * @param via where the request came from, for messages and the audit log ({@code sparkplug})
 */
public record DelegatedUser(String name, Role role, String via) {

  private static final ThreadLocal<DelegatedUser> CURRENT = new ThreadLocal<>();

  /** Runs the work with this user as the caller of session-less writes on this thread. */
  public <T> T call(Callable<T> work) throws Exception {
    DelegatedUser before = CURRENT.get();
    CURRENT.set(this);
    try {
      return work.call();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }

  /** The user a session-less request on this thread acts for; empty for the server's own. */
  static Optional<DelegatedUser> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** As messages and the audit log show the user: {@code 'scada' (sparkplug)}. */
  String shown() {
    return "'" + name + "' (" + via + ")";
  }
}
