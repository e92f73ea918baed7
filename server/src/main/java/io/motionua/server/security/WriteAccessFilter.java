package io.motionua.server.security;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;

/**
 * Who may write a variable's value: refuses the write with Bad_UserAccessDenied below the needed
 * role, and shows UserAccessLevel without CurrentWrite to those sessions. Must be the first filter
 * of the node's chain ({@link #installOn}): a filter before it that does not override
 * writeAttribute would turn the write into a plain set that skips this check.
 */
public final class WriteAccessFilter implements AttributeFilter {

  private final Role needed;

  public WriteAccessFilter(Role needed) {
    this.needed = needed;
  }

  public Role needed() {
    return needed;
  }

  /** Puts the filter first on a node's chain. */
  public static void installOn(UaVariableNode node, Role needed) {
    node.getFilterChain().addFirst(new WriteAccessFilter(needed));
  }

  @Override
  public Object getAttribute(AttributeFilterContext ctx, AttributeId attributeId) {
    Object value = ctx.getAttribute(attributeId);
    if (attributeId == AttributeId.UserAccessLevel
        && value instanceof UByte level
        && !SessionRoles.allows(ctx.getSession(), needed)) {
      return Unsigned.ubyte(level.intValue() & ~AccessLevel.CurrentWrite.getValue());
    }
    return value;
  }

  @Override
  public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object value)
      throws UaException {
    if (attributeId == AttributeId.Value) {
      SessionRoles.require(
          ctx.getSession(), needed, "write " + ctx.getNode().getBrowseName().name());
    }
    ctx.writeAttribute(attributeId, value);
  }
}
