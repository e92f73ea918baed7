package io.motionua.server.opcua;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * Makes a Double (or Int32) variable a setpoint: a client's write is checked for type, handed to
 * the axis (which checks the range and, for a drive value, writes it through the link ahead of
 * polls), and waited for with a bound. The client gets Good only once the value took effect;
 * otherwise the axis's UaException (Bad_OutOfRange naming the limit, Bad_Timeout, a mapped driver
 * error). The role check ({@code WriteAccessFilter}) is put in front of this filter at start-up.
 */
final class SetpointFilter implements AttributeFilter {

  /** How long a write may take, the link's queue and the drive's answer included. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);

  /** Applies a value; returns when it took effect, or fails with the reason. */
  @FunctionalInterface
  interface Setpoint {
    CompletableFuture<Void> apply(double value) throws UaException;
  }

  /** Applies an Int32 value, like {@link Setpoint}. */
  @FunctionalInterface
  interface IntSetpoint {
    CompletableFuture<Void> apply(int value) throws UaException;
  }

  /** A written value of the expected type, applied. */
  @FunctionalInterface
  private interface Applier {
    CompletableFuture<Void> apply(Object value) throws UaException;
  }

  private final Class<?> type;
  private final Applier setpoint;

  private SetpointFilter(Class<?> type, Applier setpoint) {
    this.type = type;
    this.setpoint = setpoint;
  }

  /** Makes the node writable with its value first set to {@code initial}. */
  static void install(UaVariableNode node, double initial, Setpoint setpoint) {
    node.setAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
    node.setUserAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
    node.setValue(new DataValue(new Variant(initial)));
    node.getFilterChain()
        .addLast(new SetpointFilter(Double.class, v -> setpoint.apply((Double) v)));
  }

  /** Makes the Int32 node writable with its value first set to {@code initial}. */
  static void installInt(UaVariableNode node, int initial, IntSetpoint setpoint) {
    node.setAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
    node.setUserAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
    node.setValue(new DataValue(new Variant(initial)));
    node.getFilterChain()
        .addLast(new SetpointFilter(Integer.class, v -> setpoint.apply((Integer) v)));
  }

  @Override
  public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object value)
      throws UaException {
    if (attributeId != AttributeId.Value) {
      ctx.writeAttribute(attributeId, value);
      return;
    }
    Object v = value instanceof DataValue dv ? dv.value().value() : value;
    if (!type.isInstance(v)) {
      throw new UaException(
          StatusCodes.Bad_TypeMismatch,
          "%s takes %s, not %s"
              .formatted(
                  ctx.getNode().getBrowseName().name(),
                  type == Double.class ? "a Double" : "an Int32",
                  v == null ? "null" : v.getClass().getSimpleName()));
    }
    CompletableFuture<Void> applied = setpoint.apply(v);
    try {
      applied.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      applied.cancel(false);
      throw new UaException(
          StatusCodes.Bad_Timeout,
          ctx.getNode().getBrowseName().name() + ": no acknowledgement within " + WRITE_TIMEOUT);
    } catch (ExecutionException e) {
      throw StatusMapping.toUaException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UaException(StatusCodes.Bad_Shutdown, "interrupted", e);
    }
    DateTime now = DateTime.now();
    ctx.writeAttribute(attributeId, new DataValue(new Variant(v), StatusCode.GOOD, now, now));
  }
}
