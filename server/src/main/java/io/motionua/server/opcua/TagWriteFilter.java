package io.motionua.server.opcua;

import io.motionua.drivers.Link;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;

/**
 * A client's write of a plain device's tag: checked for type (Boolean for bits, Double for numbers)
 * and range (the tag's EURange), then written through the link ahead of polls and waited for with a
 * bound. Good only once the device acknowledged; otherwise the mapped driver error (StatusMapping).
 * The role check ({@code WriteAccessFilter}) is put in front at start-up.
 */
final class TagWriteFilter implements AttributeFilter {

  /** How long a write may take, the link's queue and the device's answer included. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);

  private final Link link;
  private final String device;
  private final String tag;
  private final boolean bool;
  private final Range range;

  /**
   * @param range the accepted engineering values, or null for any the register type holds
   */
  TagWriteFilter(Link link, String device, String tag, boolean bool, Range range) {
    this.link = link;
    this.device = device;
    this.tag = tag;
    this.bool = bool;
    this.range = range;
  }

  @Override
  public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object value)
      throws UaException {
    if (attributeId != AttributeId.Value) {
      ctx.writeAttribute(attributeId, value);
      return;
    }
    Object v = value instanceof DataValue dv ? dv.value().value() : value;
    if (bool ? !(v instanceof Boolean) : !(v instanceof Double)) {
      throw new UaException(
          StatusCodes.Bad_TypeMismatch,
          "%s/%s takes a %s, not %s"
              .formatted(
                  device,
                  tag,
                  bool ? "Boolean" : "Double",
                  v == null ? "null" : v.getClass().getSimpleName()));
    }
    if (v instanceof Double d && range != null && !(d >= range.getLow() && d <= range.getHigh())) {
      throw new UaException(
          StatusCodes.Bad_OutOfRange,
          "%s/%s: %s is outside [%s, %s]"
              .formatted(device, tag, d, range.getLow(), range.getHigh()));
    }
    CompletableFuture<Void> written;
    try {
      written = link.write(device, Map.of(tag, v), WRITE_TIMEOUT);
    } catch (IllegalArgumentException e) {
      throw new UaException(StatusCodes.Bad_OutOfRange, device + "/" + tag + ": " + e.getMessage());
    }
    try {
      written.get(WRITE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      written.cancel(false);
      throw new UaException(
          StatusCodes.Bad_Timeout,
          device + "/" + tag + ": no acknowledgement within " + WRITE_TIMEOUT);
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
