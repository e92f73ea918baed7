package io.motionua.server.group;

import io.motionua.server.opcua.StatusMapping;
import io.motionua.server.security.Role;
import io.motionua.server.security.SessionRoles;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.methods.InvalidArgumentException;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PLCopen Part 4 command on a group. Runs on Milo's shared pool: validates, hands the command to
 * the {@link AxisGroup} and waits, bounded, until the drives accepted it. The motion's end shows in
 * GroupState.
 */
final class GroupCommandMethod extends AbstractMethodInvocationHandler {

  private static final Logger logger = LoggerFactory.getLogger(GroupCommandMethod.class);

  /** Longest a call waits (GroupEnable powers every member, several polls each). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

  /** Checks argument values; throws with one StatusCode per argument. */
  @FunctionalInterface
  interface Validator {
    void validate(Variant[] values) throws InvalidArgumentException;
  }

  /** Starts the command on the group. */
  @FunctionalInterface
  interface Invoker {
    CompletableFuture<Void> invoke(Variant[] values);
  }

  private final Argument[] arguments;
  private final Validator validator;
  private final Invoker invoker;

  GroupCommandMethod(
      UaMethodNode node, Argument[] arguments, Validator validator, Invoker invoker) {
    super(node);
    this.arguments = arguments.clone();
    this.validator = validator;
    this.invoker = invoker;
  }

  @Override
  public Argument[] getInputArguments() {
    return arguments.clone();
  }

  @Override
  public Argument[] getOutputArguments() {
    return new Argument[0];
  }

  @Override
  protected void validateInputArgumentValues(Variant[] values) throws InvalidArgumentException {
    validator.validate(values);
  }

  @Override
  protected Variant[] invoke(InvocationContext context, Variant[] values) throws UaException {
    SessionRoles.require(
        context.getSession(),
        Role.OPERATOR,
        "call "
            + getNode().getBrowseName().name()
            + " on "
            + context.getObjectId().toParseableString());
    CompletableFuture<Void> command = invoker.invoke(values);
    try {
      command.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new Variant[0];
    } catch (TimeoutException e) {
      throw new UaException(
          StatusCodes.Bad_Timeout, "the drives did not accept the command within " + CALL_TIMEOUT);
    } catch (ExecutionException e) {
      UaException refused = StatusMapping.toUaException(e);
      logger.info("{} refused: {}", getNode().getBrowseName().name(), refused.getMessage());
      throw refused;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UaException(StatusCodes.Bad_Shutdown, "interrupted", e);
    }
  }
}
