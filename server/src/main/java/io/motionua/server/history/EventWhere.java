package io.motionua.server.history;

import io.motionua.server.opcua.StatusMapping.HistoryOutcome;
import java.util.Objects;
import org.eclipse.milo.opcua.stack.core.encoding.EncodingContext;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UNumber;
import org.eclipse.milo.opcua.stack.core.types.enumerated.FilterOperator;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilterElement;
import org.eclipse.milo.opcua.stack.core.types.structured.ElementOperand;
import org.eclipse.milo.opcua.stack.core.types.structured.LiteralOperand;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;

/**
 * The where clause of a ReadEvent filter, checked once and then evaluated on each recorded event:
 * Equals, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual, IsNull, Not, And, Or and
 * OfType, over literals, the fields {@link EventFields} knows and other elements (Part 4 7.7).
 * Numbers compare as numbers whatever their type, times as times, LocalizedText by its text; a
 * comparison with a null field is false. Like, Between, InList, Cast, InView, RelatedTo and the
 * bitwise operators are refused (Bad_FilterOperatorUnsupported).
 */
final class EventWhere {

  /** One element or operand, evaluated on an event. */
  private interface Term {
    Object eval(EventRecord e);
  }

  private final Term root;

  private EventWhere(Term root) {
    this.root = root;
  }

  /** Checks {@code where} (null or empty: every event) and compiles it. */
  static EventWhere compile(ContentFilter where, EncodingContext encoding, EventFields fields)
      throws HistoryRawRead.Refusal {
    ContentFilterElement[] elements = where == null ? null : where.getElements();
    if (elements == null || elements.length == 0) {
      return new EventWhere(e -> Boolean.TRUE);
    }
    Term[] terms = new Term[elements.length];
    // Elements refer only to later ones (Part 4 7.7.4.5), so compile from the last.
    for (int i = elements.length - 1; i >= 0; i--) {
      terms[i] = element(elements[i], i, terms, encoding, fields);
    }
    return new EventWhere(terms[0]);
  }

  /** Whether the event passes. */
  boolean test(EventRecord e) {
    return Boolean.TRUE.equals(root.eval(e));
  }

  private static Term element(
      ContentFilterElement element,
      int index,
      Term[] terms,
      EncodingContext encoding,
      EventFields fields)
      throws HistoryRawRead.Refusal {
    FilterOperator op = element == null ? null : element.getFilterOperator();
    if (op == null) {
      throw new HistoryRawRead.Refusal(HistoryOutcome.FILTER_OPERATOR_INVALID);
    }
    ExtensionObject[] raw = element.getFilterOperands();
    int count = raw == null ? 0 : raw.length;
    int wanted =
        switch (op) {
          case Equals, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual, And, Or -> 2;
          case IsNull, Not, OfType -> 1;
          default -> throw new HistoryRawRead.Refusal(HistoryOutcome.FILTER_OPERATOR_UNSUPPORTED);
        };
    if (count != wanted) {
      throw new HistoryRawRead.Refusal(HistoryOutcome.FILTER_OPERAND_COUNT_MISMATCH);
    }
    Object[] decoded = new Object[count];
    for (int i = 0; i < count; i++) {
      try {
        decoded[i] = raw[i] == null ? null : raw[i].decode(encoding);
      } catch (RuntimeException ex) {
        throw new HistoryRawRead.Refusal(HistoryOutcome.FILTER_OPERAND_INVALID);
      }
    }
    if (op == FilterOperator.OfType) {
      if (!(decoded[0] instanceof LiteralOperand literal)
          || !(literal.getValue().value() instanceof NodeId type)) {
        throw new HistoryRawRead.Refusal(HistoryOutcome.FILTER_OPERAND_INVALID);
      }
      return e -> fields.isA(e.eventType(), type);
    }
    Term[] operands = new Term[count];
    for (int i = 0; i < count; i++) {
      operands[i] = operand(decoded[i], index, terms, fields);
    }
    Term a = operands[0];
    Term b = count > 1 ? operands[1] : null;
    return switch (op) {
      case IsNull -> e -> a.eval(e) == null;
      case Not -> e -> a.eval(e) instanceof Boolean v ? !v : null;
      case And -> e -> Boolean.TRUE.equals(a.eval(e)) && Boolean.TRUE.equals(b.eval(e));
      case Or -> e -> Boolean.TRUE.equals(a.eval(e)) || Boolean.TRUE.equals(b.eval(e));
      case Equals -> e -> equal(a.eval(e), b.eval(e));
      case GreaterThan -> e -> compare(a.eval(e), b.eval(e), c -> c > 0);
      case GreaterThanOrEqual -> e -> compare(a.eval(e), b.eval(e), c -> c >= 0);
      case LessThan -> e -> compare(a.eval(e), b.eval(e), c -> c < 0);
      case LessThanOrEqual -> e -> compare(a.eval(e), b.eval(e), c -> c <= 0);
      default -> throw new HistoryRawRead.Refusal(HistoryOutcome.FILTER_OPERATOR_UNSUPPORTED);
    };
  }

  private static Term operand(Object operand, int index, Term[] terms, EventFields fields)
      throws HistoryRawRead.Refusal {
    if (operand instanceof LiteralOperand literal) {
      Object value = literal.getValue() == null ? null : literal.getValue().value();
      return e -> value;
    }
    if (operand instanceof SimpleAttributeOperand simple) {
      EventFields.Selected selected = fields.resolve(simple);
      return e -> fields.value(selected, e);
    }
    if (operand instanceof ElementOperand element) {
      UInteger target = element.getIndex();
      int i = target == null ? -1 : (int) Math.min(target.longValue(), Integer.MAX_VALUE);
      if (i <= index || i >= terms.length) {
        throw new HistoryRawRead.Refusal(HistoryOutcome.FILTER_OPERAND_INVALID);
      }
      return terms[i];
    }
    // AttributeOperand (needs a browse from a node) and anything unknown.
    throw new HistoryRawRead.Refusal(HistoryOutcome.FILTER_OPERAND_INVALID);
  }

  private static boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return false;
    }
    Double x = number(a);
    Double y = number(b);
    if (x != null && y != null) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(comparable(a), comparable(b));
  }

  private static Boolean compare(Object a, Object b, java.util.function.IntPredicate test) {
    if (a == null || b == null) {
      return false;
    }
    Double x = number(a);
    Double y = number(b);
    if (x != null && y != null) {
      return test.test(Double.compare(x, y));
    }
    Object p = comparable(a);
    Object q = comparable(b);
    if (p instanceof String s && q instanceof String t) {
      return test.test(s.compareTo(t));
    }
    if (p instanceof Long s && q instanceof Long t) {
      return test.test(Long.compare(s, t));
    }
    return false;
  }

  private static Double number(Object o) {
    if (o instanceof Boolean) {
      return null;
    }
    if (o instanceof ULong u) {
      return u.toBigInteger().doubleValue();
    }
    if (o instanceof UNumber u) {
      return u.doubleValue();
    }
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    return null;
  }

  private static Object comparable(Object o) {
    if (o instanceof LocalizedText t) {
      return t.text();
    }
    if (o instanceof DateTime t) {
      return t.getUtcTime();
    }
    if (o instanceof ByteString b) {
      return java.util.HexFormat.of().formatHex(b.bytesOrEmpty());
    }
    return o;
  }
}
