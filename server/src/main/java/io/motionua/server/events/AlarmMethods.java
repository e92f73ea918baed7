package io.motionua.server.events;

import io.motionua.server.opcua.diagnostics.RefusalReasons;
import org.eclipse.milo.opcua.sdk.server.identity.Identity;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler.InvocationContext;
import org.eclipse.milo.opcua.sdk.server.model.objects.AcknowledgeableConditionType;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;

/**
 * Acknowledge and Confirm of an {@link AlarmCondition}, installed on the condition's own method
 * nodes. A client may call them with the condition as ObjectId and either the instance's method or
 * the type's (AcknowledgeableConditionType's i=9111 / i=9113): Milo resolves both to the instance's
 * node.
 */
public final class AlarmMethods {

  private AlarmMethods() {}

  /** Installs the handlers on the alarm's Acknowledge and Confirm method nodes. */
  public static void install(AlarmCondition alarm) {
    UaMethodNode acknowledge = alarm.node().getAcknowledgeMethodNode();
    acknowledge.setInvocationHandler(new Acknowledge(acknowledge, alarm));
    UaMethodNode confirm = alarm.node().getConfirmMethodNode();
    if (confirm != null) {
      confirm.setInvocationHandler(new Confirm(confirm, alarm));
    }
  }

  /** The user name of the caller, or "anonymous". */
  static String user(InvocationContext context) {
    Identity identity = context.getSession().map(s -> s.getIdentity()).orElse(null);
    return identity instanceof Identity.UsernameIdentity u ? u.getUsername() : "anonymous";
  }

  private static final class Acknowledge extends AcknowledgeableConditionType.AcknowledgeMethod {
    private final AlarmCondition alarm;

    Acknowledge(UaMethodNode node, AlarmCondition alarm) {
      super(node);
      this.alarm = alarm;
    }

    @Override
    protected void invoke(InvocationContext context, ByteString eventId, LocalizedText comment)
        throws UaException {
      try {
        alarm.acknowledge(eventId, comment, user(context));
      } catch (UaException refused) {
        RefusalReasons.record(getNode().getNodeId(), refused.getMessage());
        throw refused;
      }
    }
  }

  private static final class Confirm extends AcknowledgeableConditionType.ConfirmMethod {
    private final AlarmCondition alarm;

    Confirm(UaMethodNode node, AlarmCondition alarm) {
      super(node);
      this.alarm = alarm;
    }

    @Override
    protected void invoke(InvocationContext context, ByteString eventId, LocalizedText comment)
        throws UaException {
      try {
        alarm.confirm(eventId, comment, user(context));
      } catch (UaException refused) {
        RefusalReasons.record(getNode().getNodeId(), refused.getMessage());
        throw refused;
      }
    }
  }
}
