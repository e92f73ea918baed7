package io.motionua.server.opcua;

import io.motionua.drivers.DriverException;
import io.motionua.drivers.SignalStatus;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/**
 * The one place where driver outcomes become OPC UA StatusCodes (the table in
 * docs/status-codes.md).
 */
public final class StatusMapping {

  private StatusMapping() {}

  public static StatusCode of(SignalStatus status) {
    return new StatusCode(code(status));
  }

  public static long code(SignalStatus status) {
    return switch (status) {
      case GOOD -> StatusCodes.Good;
      case UNCERTAIN_LAST_USABLE -> StatusCodes.Uncertain_LastUsableValue;
      case BAD_WAITING_FOR_INITIAL_DATA -> StatusCodes.Bad_WaitingForInitialData;
      case BAD_NO_COMMUNICATION -> StatusCodes.Bad_NoCommunication;
      case BAD_TIMEOUT -> StatusCodes.Bad_Timeout;
      case BAD_NOT_SUPPORTED -> StatusCodes.Bad_NotSupported;
      case BAD_CONFIGURATION_ERROR -> StatusCodes.Bad_ConfigurationError;
      case BAD_OUT_OF_RANGE -> StatusCodes.Bad_OutOfRange;
      case BAD_DEVICE_FAILURE -> StatusCodes.Bad_DeviceFailure;
    };
  }

  /** A StatusCode's name (Good, Bad_UserAccessDenied, ...), or its hex value if unknown. */
  public static String name(long code) {
    return StatusCodes.lookup(code).map(a -> a[0]).orElse("0x%08X".formatted(code));
  }

  /**
   * A failure of a write or command as the UaException a client sees: driver errors keep their
   * status and message, a {@link UaException} passes through, anything else is an internal error.
   */
  public static UaException toUaException(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof UaException ua) {
      return ua;
    }
    if (t instanceof DriverException de) {
      return new UaException(code(de.status()), de.getMessage(), de);
    }
    if (t instanceof TimeoutException) {
      return new UaException(StatusCodes.Bad_Timeout, "no answer in time", t);
    }
    return new UaException(StatusCodes.Bad_InternalError, String.valueOf(t.getMessage()), t);
  }

  /** Why a HistoryRead of one node, or one value of it, is not served (docs/history.md). */
  public enum HistoryOutcome {
    /** The node is not recorded, or the details are not a kind this server reads. */
    UNSUPPORTED,
    /** Start and end both unspecified, or one unspecified without numValuesPerNode. */
    BAD_TIME_RANGE,
    /** TimestampsToReturn Neither (a history without times means nothing). */
    BAD_TIMESTAMPS_TO_RETURN,
    /** A continuation point this session does not hold (forged, expired or released). */
    BAD_CONTINUATION_POINT,
    /** The session holds as many continuation points as it may. */
    NO_CONTINUATION_POINTS,
    /** The session's role is below viewer. */
    ACCESS_DENIED,
    /** The store is still opening or could not be opened. */
    STORE_UNAVAILABLE,
    /** The store failed to answer the query. */
    STORE_FAILED,
    /** A block of the node's values in the range is damaged on disk (Bad_DataLost). */
    DATA_LOST,
    /** No value in the range (Good_NoData). */
    NO_DATA,
    /** A bound asked for with returnBounds has no value (Bad_BoundNotFound). */
    BOUND_NOT_FOUND,
    /** ReadAtTime: nothing recorded at or before the time asked; ReadProcessed: no Good value. */
    NO_VALUE_AT_TIME,
    /** ReadProcessed with an aggregate this server does not compute. */
    AGGREGATE_NOT_SUPPORTED,
    /** ReadEvent without a filter or without select clauses. */
    EVENT_FILTER_INVALID,
    /** A where clause with an operator this server does not evaluate (Like, InList ...). */
    FILTER_OPERATOR_UNSUPPORTED,
    /** A where clause with no operator, or one that is not in Part 4. */
    FILTER_OPERATOR_INVALID,
    /** A where clause operand that cannot be used (an AttributeOperand, a bad element index). */
    FILTER_OPERAND_INVALID,
    /** A where clause element with the wrong number of operands for its operator. */
    FILTER_OPERAND_COUNT_MISMATCH
  }

  /** The StatusCode of a HistoryRead outcome. */
  public static long code(HistoryOutcome outcome) {
    return switch (outcome) {
      case UNSUPPORTED -> StatusCodes.Bad_HistoryOperationUnsupported;
      case BAD_TIME_RANGE -> StatusCodes.Bad_InvalidTimestampArgument;
      case BAD_TIMESTAMPS_TO_RETURN -> StatusCodes.Bad_TimestampsToReturnInvalid;
      case BAD_CONTINUATION_POINT -> StatusCodes.Bad_ContinuationPointInvalid;
      case NO_CONTINUATION_POINTS -> StatusCodes.Bad_NoContinuationPoints;
      case ACCESS_DENIED -> StatusCodes.Bad_UserAccessDenied;
      case STORE_UNAVAILABLE -> StatusCodes.Bad_ResourceUnavailable;
      case STORE_FAILED -> StatusCodes.Bad_InternalError;
      case DATA_LOST -> StatusCodes.Bad_DataLost;
      case NO_DATA -> StatusCodes.Good_NoData;
      case BOUND_NOT_FOUND -> StatusCodes.Bad_BoundNotFound;
      case NO_VALUE_AT_TIME -> StatusCodes.Bad_NoData;
      case AGGREGATE_NOT_SUPPORTED -> StatusCodes.Bad_AggregateNotSupported;
      case EVENT_FILTER_INVALID -> StatusCodes.Bad_EventFilterInvalid;
      case FILTER_OPERATOR_UNSUPPORTED -> StatusCodes.Bad_FilterOperatorUnsupported;
      case FILTER_OPERATOR_INVALID -> StatusCodes.Bad_FilterOperatorInvalid;
      case FILTER_OPERAND_INVALID -> StatusCodes.Bad_FilterOperandInvalid;
      case FILTER_OPERAND_COUNT_MISMATCH -> StatusCodes.Bad_FilterOperandCountMismatch;
    };
  }
}
