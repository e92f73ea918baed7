package io.motionua.server.opcua;

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
 * A writable String setting that lives in the address space only (e.g. Identification/Location):
 * refuses anything but a String (Bad_TypeMismatch) and a text longer than {@link #MAX_LENGTH}
 * (Bad_OutOfRange); stores the rest with fresh timestamps. Who may write is decided by the
 * WriteAccessFilter that AccessFilters puts first on the chain (engineer), which also audits.
 */
final class TextSettingFilter implements AttributeFilter {

  /** The longest text a setting takes; the machine file's limit for the same fields. */
  static final int MAX_LENGTH = 255;

  private TextSettingFilter() {}

  static void install(UaVariableNode node) {
    node.setAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
    node.setUserAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
    node.getFilterChain().addLast(new TextSettingFilter());
  }

  @Override
  public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object value)
      throws UaException {
    if (attributeId != AttributeId.Value) {
      ctx.writeAttribute(attributeId, value);
      return;
    }
    Object v = value instanceof DataValue dv ? dv.value().value() : value;
    String name = ctx.getNode().getBrowseName().name();
    if (!(v instanceof String text)) {
      throw new UaException(
          StatusCodes.Bad_TypeMismatch,
          "%s takes a String, not %s"
              .formatted(name, v == null ? "null" : v.getClass().getSimpleName()));
    }
    if (text.length() > MAX_LENGTH) {
      throw new UaException(
          StatusCodes.Bad_OutOfRange,
          "%s takes at most %d characters, not %d".formatted(name, MAX_LENGTH, text.length()));
    }
    DateTime now = DateTime.now();
    ctx.writeAttribute(attributeId, new DataValue(new Variant(text), StatusCode.GOOD, now, now));
  }
}
