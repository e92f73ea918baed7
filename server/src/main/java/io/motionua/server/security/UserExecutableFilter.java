package io.motionua.server.security;

import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;

/**
 * Shows a method's UserExecutable as false to sessions whose role is below the one the method
 * needs. Only what clients see: the call itself is refused by {@link RoleCheckedMethod} and the
 * handler.
 */
public final class UserExecutableFilter implements AttributeFilter {

  private final Role needed;

  public UserExecutableFilter(Role needed) {
    this.needed = needed;
  }

  public Role needed() {
    return needed;
  }

  @Override
  public Object getAttribute(AttributeFilterContext ctx, AttributeId attributeId) {
    Object value = ctx.getAttribute(attributeId);
    if (attributeId == AttributeId.UserExecutable
        && !SessionRoles.allows(ctx.getSession(), needed)) {
      return Boolean.FALSE;
    }
    return value;
  }
}
