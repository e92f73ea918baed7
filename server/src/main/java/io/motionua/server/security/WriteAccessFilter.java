package io.motionua.server.security;

import io.motionua.server.audit.AuditLog;
import io.motionua.server.opcua.StatusMapping;
import io.motionua.server.opcua.diagnostics.RefusalReasons;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
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
  private final AuditLog audit;

  public WriteAccessFilter(Role needed) {
    this(needed, null);
  }

  /**
   * @param audit where every value write is recorded, refused ones included; null for none
   */
  public WriteAccessFilter(Role needed, AuditLog audit) {
    this.needed = needed;
    this.audit = audit;
  }

  public Role needed() {
    return needed;
  }

  /** Puts the filter first on a node's chain. */
  public static void installOn(UaVariableNode node, Role needed) {
    installOn(node, needed, null);
  }

  /** Puts the filter first on a node's chain, recording writes in the audit log. */
  public static void installOn(UaVariableNode node, Role needed, AuditLog audit) {
    node.getFilterChain().addFirst(new WriteAccessFilter(needed, audit));
  }

  /** The value inside a DataValue or Variant, for the audit log to encode. */
  static Object valueOf(Object value) {
    Object v = value;
    if (v instanceof org.eclipse.milo.opcua.stack.core.types.builtin.DataValue dv) {
      v = dv.value().value();
    } else if (v instanceof Variant variant) {
      v = variant.value();
    }
    return v;
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
    if (attributeId != AttributeId.Value) {
      ctx.writeAttribute(attributeId, value);
      return;
    }
    // Not ctx.getAttribute: that would advance this chain and the write below would skip the
    // filters after this one.
    Object old =
        audit != null && ctx.getNode() instanceof UaVariableNode variable
            ? variable.getValue()
            : null;
    long result = StatusCodes.Good;
    StackWriteRefusals.reached(value);
    try {
      SessionRoles.require(
          ctx.getSession(), needed, "write " + ctx.getNode().getBrowseName().name());
      ctx.writeAttribute(attributeId, value);
    } catch (UaException e) {
      result = e.getStatusCode().getValue();
      RefusalReasons.record(ctx.getNode().getNodeId(), e.getMessage());
      throw e;
    } finally {
      if (audit != null) {
        var session = ctx.getSession();
        var delegated =
            session.isPresent() ? Optional.<DelegatedUser>empty() : DelegatedUser.current();
        audit.write(
            session
                .map(SessionRoles::userOf)
                .orElseGet(() -> delegated.map(DelegatedUser::shown).orElse("(server)")),
            session
                .flatMap(SessionRoles::roleOf)
                .or(() -> delegated.map(DelegatedUser::role))
                .map(Object::toString)
                .orElse("none"),
            ctx.getNode().getNodeId().toParseableString(),
            valueOf(old),
            valueOf(value),
            StatusMapping.name(result));
      }
    }
  }
}
