package io.motionua.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Numbers and booleans must be written as such: {@code port: "4840"} or {@code securityNone:
 * "true"} is a mistake (a quoted value was meant as text), not something to convert. Jackson's own
 * coercion settings can refuse it, but then binding stops at the first one; these deserializers
 * hand a quoted value to the problem handler ({@link BindingProblems#handleUnexpectedToken}), which
 * records it with its place and lets binding go on, so that {@code check} lists every problem.
 */
final class StrictScalars {

  private static final Pattern NUMBER =
      Pattern.compile(
          "[-+]?(\\d[\\d_]*\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]?(NaN|Infinity|0x[0-9A-Fa-f]+)");

  private StrictScalars() {}

  /** The module to register on the machine file's mapper. */
  static SimpleModule module() {
    SimpleModule module = new SimpleModule("motionua-strict-scalars");
    add(module, Integer.class, new NumberDeserializers.IntegerDeserializer(Integer.class, null));
    add(module, Long.class, new NumberDeserializers.LongDeserializer(Long.class, null));
    add(module, Double.class, new NumberDeserializers.DoubleDeserializer(Double.class, null));
    add(module, Boolean.class, new NumberDeserializers.BooleanDeserializer(Boolean.class, null));
    return module;
  }

  @SuppressWarnings("unchecked")
  private static <T> void add(SimpleModule module, Class<T> type, JsonDeserializer<?> standard) {
    module.addDeserializer(type, new Refusing<>(type, (JsonDeserializer<T>) standard));
  }

  /** Refuses a quoted value through the problem handler; everything else as Jackson does. */
  private static final class Refusing<T> extends JsonDeserializer<T> {
    private final Class<T> type;
    private final JsonDeserializer<T> standard;

    Refusing(Class<T> type, JsonDeserializer<T> standard) {
      this.type = type;
      this.standard = standard;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      // Text Jackson would convert ("4840", "true", ""): refused here. Other text ("fast") goes the
      // standard way, which reports it as not a number or boolean.
      if (p.hasToken(JsonToken.VALUE_STRING) && convertible(p.getText())) {
        return (T) ctxt.handleUnexpectedToken(type, p);
      }
      return standard.deserialize(p, ctxt);
    }

    private boolean convertible(String text) {
      String t = text.trim();
      if (t.isEmpty()) {
        return true; // '' would become null, and the field its default, without a word
      }
      return type == Boolean.class
          ? t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")
          : NUMBER.matcher(t).matches();
    }

    @Override
    public T getNullValue(DeserializationContext ctxt) {
      return null;
    }
  }
}
