package io.motionua.server.opcua;

import io.motionua.server.config.UserSpec;
import io.motionua.server.security.DelegatedUser;
import io.motionua.server.security.Role;
import io.motionua.server.sparkplug.MetricWrites;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.server.AccessContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes values that come from outside OPC UA (Sparkplug DCMDs) into the machine's variables as a
 * configured user: the write goes through the variable's whole filter chain, so the role check
 * ({@code WriteAccessFilter}, against the user's role), the limits (the tag's range, a setpoint's
 * checks), the drive or device write and the audit entry are those of an OPC UA write by that user.
 * One named thread ({@code delegated-writes}) with a bounded queue: a write may wait for a link for
 * seconds, and the caller (the edge node's thread) must not.
 */
public final class DelegatedWrites implements MetricWrites, AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(DelegatedWrites.class);

  /** Writes waiting at most; more are refused at once (Bad_TooManyOperations). */
  static final int QUEUE = 64;

  private final MachineNamespace namespace;
  private final Map<String, UserSpec> users;
  private final ThreadPoolExecutor executor;

  public DelegatedWrites(MachineNamespace namespace, List<UserSpec> users) {
    this.namespace = namespace;
    this.users = users.stream().collect(Collectors.toMap(UserSpec::name, Function.identity()));
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "delegated-writes");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public CompletableFuture<String> write(String user, String metric, Object value) {
    try {
      return CompletableFuture.supplyAsync(() -> writeNow(user, metric, value), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(
          StatusMapping.name(StatusCodes.Bad_TooManyOperations)
              + ": %d writes already waiting".formatted(QUEUE));
    }
  }

  private String writeNow(String user, String metric, Object value) {
    UserSpec spec = users.get(user);
    Role role = spec == null ? null : Role.fromConfigName(spec.role()).orElse(null);
    UaVariableNode node = namespace.variableBelowMachine(metric).orElse(null);
    if (role == null || node == null) {
      // The machine file's checks rule both out; kept for a file changed under a running server.
      return StatusMapping.name(StatusCodes.Bad_ConfigurationError)
          + ": "
          + (role == null ? "no user " + user : "no variable " + metric);
    }
    try {
      new DelegatedUser(user, role, "sparkplug")
          .call(
              () -> {
                node.writeAttribute(
                    AccessContext.INTERNAL, AttributeId.Value, new DataValue(new Variant(value)));
                return null;
              });
      return "Good";
    } catch (UaException e) {
      return StatusMapping.name(e.getStatusCode().getValue()) + ": " + e.getMessage();
    } catch (Exception e) {
      logger.warn("sparkplug: writing {} failed: {}", metric, e.toString());
      return StatusMapping.name(StatusCodes.Bad_InternalError) + ": " + e;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(4, TimeUnit.SECONDS)) {
        logger.warn("delegated writes did not stop within 4 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
