package io.motionua.server.opcua;

import io.motionua.server.opcua.diagnostics.RefusalReasons;
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
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PLCopen command (an axis's or a group's) as an OPC UA method. Runs on Milo's shared pool: it
 * only validates, hands the command to its controller (which queues it on the links) and waits,
 * bounded, until the drives accepted it. The motion's end shows in AxisState or GroupState.
 */
public final class CommandMethod extends AbstractMethodInvocationHandler {

  private static final Logger logger = LoggerFactory.getLogger(CommandMethod.class);

  /** Longest a call waits for the drive to accept a command (a power-up takes several polls). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

  /** Checks argument values; throws with one StatusCode per argument. */
  @FunctionalInterface
  public interface Validator {
    void validate(Variant[] values) throws InvalidArgumentException;
  }

  /** Starts the command on the axis. */
  @FunctionalInterface
  public interface Invoker {
    CompletableFuture<Void> invoke(Variant[] values);
  }

  private final Argument[] arguments;
  private final Validator validator;
  private final Invoker invoker;

  public CommandMethod(
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
    try {
      validator.validate(values);
    } catch (InvalidArgumentException refused) {
      RefusalReasons.record(getNode().getNodeId(), describe(refused, values));
      throw refused;
    }
  }

  /** The refused arguments by name, with what was wrong with each ("Position 1000.0 is ..."). */
  private String describe(InvalidArgumentException refused, Variant[] values) {
    StatusCode[] results = refused.getInputArgumentResults();
    var text = new StringBuilder(getNode().getBrowseName().name()).append(':');
    String separator = " ";
    for (int i = 0; results != null && i < results.length && i < arguments.length; i++) {
      if (results[i] == null || !results[i].isBad()) {
        continue;
      }
      String problem = refused instanceof ArgumentRangeException ranges ? ranges.problem(i) : null;
      text.append(separator)
          .append(arguments[i].getName())
          .append(' ')
          .append(
              problem != null
                  ? problem
                  : "= " + values[i].value() + ": " + StatusMapping.name(results[i].getValue()));
      separator = "; ";
    }
    return text.toString();
  }

  @Override
  protected Variant[] invoke(InvocationContext context, Variant[] values) throws UaException {
    // Also checked before the arguments (RoleCheckedMethod); repeated here so that a handler
    // installed without the namespace's filters still refuses viewers.
    SessionRoles.require(
        context.getSession(),
        Role.OPERATOR,
        "call "
            + getNode().getBrowseName().name()
            + " on "
            + context.getObjectId().toParseableString());
    try {
      return await(invoker.invoke(values));
    } catch (UaException refused) {
      logger.info("{} refused: {}", getNode().getBrowseName().name(), refused.getMessage());
      RefusalReasons.record(getNode().getNodeId(), refused.getMessage());
      throw refused;
    }
  }

  /** Waits for a command's future with a bound and turns its failure into the client's status. */
  public static Variant[] await(CompletableFuture<?> command) throws UaException {
    try {
      command.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new Variant[0];
    } catch (TimeoutException e) {
      command.cancel(false);
      throw new UaException(
          StatusCodes.Bad_Timeout, "the drives did not accept the command within " + CALL_TIMEOUT);
    } catch (ExecutionException e) {
      throw StatusMapping.toUaException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UaException(StatusCodes.Bad_Shutdown, "interrupted", e);
    }
  }

  /**
   * Checks numeric arguments against ranges; a failing argument gets Bad_OutOfRange, the call
   * Bad_InvalidArgument.
   *
   * @param ranges min and max per argument, in argument order
   */
  public static void checkRanges(Variant[] values, double[][] ranges)
      throws InvalidArgumentException {
    StatusCode[] results = new StatusCode[values.length];
    String[] problems = new String[values.length];
    boolean bad = false;
    for (int i = 0; i < values.length; i++) {
      Object v = values[i].value();
      if (!(v instanceof Number n)) {
        results[i] = new StatusCode(StatusCodes.Bad_InvalidArgument);
        problems[i] = "= " + v + " is not a number";
        bad = true;
      } else if (i < ranges.length
          && !(n.doubleValue() >= ranges[i][0] && n.doubleValue() <= ranges[i][1])) {
        results[i] = new StatusCode(StatusCodes.Bad_OutOfRange);
        problems[i] =
            "%s is outside [%s, %s]".formatted(n.doubleValue(), ranges[i][0], ranges[i][1]);
        bad = true;
      } else {
        results[i] = StatusCode.GOOD;
      }
    }
    if (bad) {
      throw new ArgumentRangeException(results, problems);
    }
  }

  public static double arg(Variant[] values, int i) {
    return ((Number) values[i].value()).doubleValue();
  }
}
