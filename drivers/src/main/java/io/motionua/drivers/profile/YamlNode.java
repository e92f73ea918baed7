package io.motionua.drivers.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where each node starts, so that every error can name its
 * line and column. Scalars stay text as written ({@code 00001} is not read as octal 1).
 *
 * @param value a String (scalar, or null), a {@code Map<String, YamlNode>} or a {@code
 *     List<YamlNode>}
 * @param line 1-based
 * @param column 1-based
 * @param string whether YAML itself reads the scalar as a string (quoted, or plain text that is not
 *     a number or boolean): the schema sees it as one
 */
record YamlNode(Object value, int line, int column, boolean string) {

  YamlNode(Object value, int line, int column) {
    this(value, line, column, false);
  }

  /** Reads one document; duplicate keys are refused. */
  static YamlNode parse(String file, Reader reader) throws ProfileException {
    try (JsonParser parser = new YAMLFactory().createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new ProfileException(file, 1, 1, "the file is empty", null);
      }
      return read(file, parser);
    } catch (IOException e) {
      int line = 1;
      int column = 1;
      if (e instanceof JsonProcessingException j && j.getLocation() != null) {
        line = j.getLocation().getLineNr();
        column = j.getLocation().getColumnNr();
      }
      throw new ProfileException(file, line, column, "not valid YAML: " + e.getMessage(), e);
    }
  }

  private static YamlNode read(String file, JsonParser parser)
      throws IOException, ProfileException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, YamlNode> map = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonLocation keyAt = parser.currentTokenLocation();
        parser.nextToken();
        YamlNode child = read(file, parser);
        if (map.putIfAbsent(key, child) != null) {
          throw new ProfileException(
              file, keyAt.getLineNr(), keyAt.getColumnNr(), "duplicate key " + key, null);
        }
      }
      return new YamlNode(map, line, column);
    }
    if (token == JsonToken.START_ARRAY) {
      List<YamlNode> list = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        list.add(read(file, parser));
      }
      return new YamlNode(list, line, column);
    }
    String text = token == JsonToken.VALUE_NULL ? null : parser.getText();
    return new YamlNode(text, line, column, token == JsonToken.VALUE_STRING);
  }

  boolean isMap() {
    return value instanceof Map;
  }

  @SuppressWarnings("unchecked")
  Map<String, YamlNode> map() {
    return (Map<String, YamlNode>) value;
  }

  String text() {
    return value instanceof String s ? s : null;
  }
}
