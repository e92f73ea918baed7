package io.motionua.drivers.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The drive profile format's JSON Schema ({@code profiles/profile.schema.json}), enforced on every
 * profile the loader reads. Each schema error is reported at the line and column of the YAML node
 * it is about: the document is turned into JSON nodes from our own located tree, so a schema error
 * path leads straight back to its node.
 */
final class ProfileSchema {

  static final String RESOURCE = "profiles/profile.schema.json";

  private static final Pattern INTEGER = Pattern.compile("[-+]?(0[xX][0-9A-Fa-f]+|[0-9]+)");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?");

  private static final Schema SCHEMA = load();

  private ProfileSchema() {}

  private static Schema load() {
    try (InputStream in = ProfileSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + RESOURCE);
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Every schema error of the document, in file order; empty when it conforms. */
  static List<ProfileException> validate(String file, YamlNode root) {
    List<ProfileException> problems = new ArrayList<>();
    for (Error error : SCHEMA.validate(json(root))) {
      YamlNode at = locate(root, error.getInstanceLocation());
      String where = path(error.getInstanceLocation());
      String message = error.getMessage();
      // The validator's message starts with the instance path; ours starts with file:line:column.
      int colon = message.indexOf(": ");
      if (colon > 0 && (message.startsWith("/") || message.startsWith("$"))) {
        message = message.substring(colon + 2);
      }
      String key = error.getProperty();
      if ("additionalProperties".equals(error.getKeyword()) && key != null) {
        YamlNode keyNode = at.isMap() ? at.map().get(key) : null;
        at = keyNode != null ? keyNode : at;
        message = "unknown key " + key;
      } else if ("enum".equals(error.getKeyword()) && !at.isMap() && at.value() != null) {
        message = "'" + at.value() + "' " + message.replace("does not have", "is not");
      }
      problems.add(
          new ProfileException(
              file, at.line(), at.column(), (where.isEmpty() ? "" : where + ": ") + message, null));
    }
    problems.sort(
        Comparator.comparingInt(ProfileException::line).thenComparingInt(ProfileException::column));
    return problems;
  }

  /** The node an error path names, or the deepest existing one on the way. */
  private static YamlNode locate(YamlNode root, NodePath path) {
    YamlNode node = root;
    for (int i = 0; path != null && i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      YamlNode next = null;
      if (element instanceof Integer index && node.value() instanceof List<?> list) {
        next = index < list.size() ? (YamlNode) list.get(index) : null;
      } else if (node.isMap()) {
        next = node.map().get(String.valueOf(element));
      }
      if (next == null) {
        break;
      }
      node = next;
    }
    return node;
  }

  /** The path in the profile's own terms: {@code signal statusword.bit}, {@code motion.move}. */
  private static String path(NodePath path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; path != null && i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      if (element instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".").append(element);
      }
    }
    String text = out.toString();
    return text.startsWith("signals.") ? "signal " + text.substring("signals.".length()) : text;
  }

  /** JSON of the located tree; scalars typed as YAML 1.2 would type them (hex integers too). */
  private static JsonNode json(YamlNode node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node.isMap()) {
      ObjectNode object = f.objectNode();
      for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
        object.set(e.getKey(), json(e.getValue()));
      }
      return object;
    }
    if (node.value() instanceof List<?> list) {
      ArrayNode array = f.arrayNode();
      for (Object child : list) {
        array.add(json((YamlNode) child));
      }
      return array;
    }
    String text = node.text();
    if (text == null) {
      return f.nullNode();
    }
    if (node.string()) {
      return f.textNode(text);
    }
    if (text.equals("true") || text.equals("false")) {
      return f.booleanNode(Boolean.parseBoolean(text));
    }
    if (INTEGER.matcher(text).matches()) {
      String digits = text.replaceFirst("^\\+", "");
      boolean negative = digits.startsWith("-");
      String magnitude = negative ? digits.substring(1) : digits;
      BigInteger value =
          magnitude.startsWith("0x") || magnitude.startsWith("0X")
              ? new BigInteger(magnitude.substring(2), 16)
              : new BigInteger(magnitude);
      return f.numberNode(negative ? value.negate() : value);
    }
    if (DECIMAL.matcher(text).matches()) {
      return f.numberNode(Double.parseDouble(text));
    }
    return f.textNode(text);
  }
}
