package io.motionua.server.security;

import io.motionua.server.audit.AuditLog;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the role checks on every node of a namespace once it is built: each method gets {@link
 * RoleCheckedMethod} and {@link UserExecutableFilter} (operator or higher), each writable variable
 * a {@link WriteAccessFilter}. Milo 1.1.2's own role-permission and UserExecutable checks are not
 * relied on. Idempotent: nodes that already carry a check (set by the code that built them, with a
 * role of its choosing) keep it.
 */
public final class AccessFilters {

  private static final Logger logger = LoggerFactory.getLogger(AccessFilters.class);

  /**
   * Writable variables an operator may set (setpoints); any other writable variable needs an
   * engineer.
   */
  public static final Set<String> OPERATOR_SETPOINTS =
      Set.of("SpeedOverride", "TargetVelocity", "ModuloDirection");

  /** Role a method call needs: every method of the machine moves or changes it. */
  public static final Role TO_CALL = Role.OPERATOR;

  private AccessFilters() {}

  /** Installs the checks on every node the manager holds; returns how many nodes got one. */
  public static int install(UaNodeManager nodes) {
    return install(nodes, null);
  }

  /**
   * Installs the checks, recording every call and value write in the audit log.
   *
   * @param audit the audit log; null for none
   */
  public static int install(UaNodeManager nodes, AuditLog audit) {
    int methods = 0;
    int variables = 0;
    for (UaNode node : nodes.getNodes()) {
      if (node instanceof UaMethodNode method && guard(method, audit)) {
        methods++;
      } else if (node instanceof UaVariableNode variable && guard(variable, audit)) {
        variables++;
      }
    }
    logger.debug("role checks on {} methods and {} writable variables", methods, variables);
    return methods + variables;
  }

  /**
   * The role a writable variable needs: the one it was marked with ({@link RequiredRole}), else by
   * browse name.
   */
  public static Role neededToWrite(UaVariableNode variable) {
    for (AttributeFilter f : variable.getFilterChain().getFilters()) {
      if (f instanceof RequiredRole marked) {
        return marked.role();
      }
    }
    return OPERATOR_SETPOINTS.contains(variable.getBrowseName().name())
        ? Role.OPERATOR
        : Role.ENGINEER;
  }

  private static boolean guard(UaMethodNode method, AuditLog audit) {
    if (has(method, UserExecutableFilter.class)) {
      return false;
    }
    method.getFilterChain().addLast(new UserExecutableFilter(TO_CALL));
    if (!(method.getInvocationHandler() instanceof RoleCheckedMethod)) {
      method.setInvocationHandler(
          new RoleCheckedMethod(
              method.getInvocationHandler(), TO_CALL, method.getBrowseName().name(), audit));
    }
    return true;
  }

  private static boolean guard(UaVariableNode variable, AuditLog audit) {
    boolean writable =
        AccessLevel.fromValue(variable.getAccessLevel()).contains(AccessLevel.CurrentWrite);
    if (!writable || has(variable, WriteAccessFilter.class)) {
      return false;
    }
    WriteAccessFilter.installOn(variable, neededToWrite(variable), audit);
    return true;
  }

  private static boolean has(UaNode node, Class<? extends AttributeFilter> type) {
    return node.getFilterChain().getFilters().stream().anyMatch(type::isInstance);
  }
}
