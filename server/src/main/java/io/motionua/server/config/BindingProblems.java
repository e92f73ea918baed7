package io.motionua.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Records unknown fields and values of the wrong type while Jackson binds a machine file, and lets
 * binding go on (the field stays unset), so that one run reports every such problem.
 */
final class BindingProblems extends DeserializationProblemHandler {

  private final Problems problems;

  BindingProblems(Problems problems) {
    this.problems = problems;
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt,
      JsonParser p,
      JsonDeserializer<?> deserializer,
      Object beanOrClass,
      String propertyName)
      throws IOException {
    String pointer = pointer(p);
    if (!pointer.endsWith("/" + propertyName)) {
      pointer = pointer + "/" + propertyName;
    }
    Collection<Object> known = deserializer.getKnownPropertyNames();
    String names =
        known == null
            ? ""
            : known.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    problems.add(
        pointer, field(pointer), "unknown field '" + propertyName + "' (known: " + names + ")");
    p.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg)
      throws IOException {
    String pointer = pointer(ctxt.getParser());
    problems.add(pointer, field(pointer), "'" + value + "' is not " + describe(targetType));
    return null;
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg)
      throws IOException {
    String pointer = pointer(ctxt.getParser());
    problems.add(pointer, field(pointer), value + " is not " + describe(targetType));
    return null;
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext ctxt,
      JavaType targetType,
      JsonToken t,
      JsonParser p,
      String failureMsg)
      throws IOException {
    String pointer = pointer(p);
    String got =
        switch (t) {
          case START_ARRAY -> "a list";
          case START_OBJECT -> "a mapping";
          case VALUE_NUMBER_FLOAT -> "the number " + p.getText();
          case VALUE_STRING ->
              "the text '" + p.getText() + "' (numbers and true/false are written without quotes)";
          default -> "'" + p.getText() + "'";
        };
    problems.add(
        pointer, field(pointer), "expected " + describe(targetType.getRawClass()) + ", got " + got);
    p.skipChildren();
    return null;
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    return "a " + type.getSimpleName();
  }

  /** The JSON pointer of the value the parser is at (a container: the field that holds it). */
  private static String pointer(JsonParser p) {
    JsonStreamContext context = p.getParsingContext();
    JsonToken token = p.currentToken();
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
        && context.getParent() != null) {
      context = context.getParent();
    }
    return Objects.toString(context.pathAsPointer(), "");
  }

  /** {@code /links/0/rs485/delayBeforeUs} as {@code links[0].rs485.delayBeforeUs}. */
  static String field(String pointer) {
    StringBuilder sb = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.chars().allMatch(Character::isDigit)) {
        sb.append('[').append(part).append(']');
      } else {
        sb.append(sb.length() == 0 ? "" : ".").append(part);
      }
    }
    return sb.length() == 0 ? "(top level)" : sb.toString();
  }
}
