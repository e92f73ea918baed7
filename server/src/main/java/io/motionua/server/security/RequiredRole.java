package io.motionua.server.security;

import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.UaException;

/**
 * Marks a writable variable with the role its writes need, where the code that built it chose one
 * (a plain device's tag: its configured role). Passes every read and write on unchanged (it
 * overrides writeAttribute to do so: Milo turns a write into a plain set for the filters after one
 * that does not); {@link AccessFilters} reads the mark when it puts the {@link WriteAccessFilter}
 * in front.
 */
public record RequiredRole(Role role) implements AttributeFilter {

  /** Marks the node; {@link AccessFilters#neededToWrite} then answers this role for it. */
  public static void mark(UaVariableNode node, Role role) {
    node.getFilterChain().addLast(new RequiredRole(role));
  }

  @Override
  public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object value)
      throws UaException {
    ctx.writeAttribute(attributeId, value);
  }
}
