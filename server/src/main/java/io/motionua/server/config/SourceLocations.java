package io.motionua.server.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Line and column of every field and list item in a YAML text, by JSON pointer ({@code
 * /axes/2/motor}), so that checks made after binding can still point at the place in the file.
 */
final class SourceLocations {

  private final String file;
  private final Map<String, JsonLocation> byPointer;

  private SourceLocations(String file, Map<String, JsonLocation> byPointer) {
    this.file = file;
    this.byPointer = byPointer;
  }

  /** The file's name as messages give it. */
  String file() {
    return file;
  }

  static SourceLocations index(JsonFactory factory, String file, String text) throws IOException {
    Map<String, JsonLocation> locations = new HashMap<>();
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        boolean fieldName = token == JsonToken.FIELD_NAME;
        // A mapping item's own context is the new object's: its place is its parent's pointer.
        var context =
            token == JsonToken.START_OBJECT && parser.getParsingContext().getParent() != null
                ? parser.getParsingContext().getParent()
                : parser.getParsingContext();
        boolean itemStart =
            (token == JsonToken.START_OBJECT || token.isScalarValue()) && context.inArray();
        if (fieldName || itemStart) {
          locations.putIfAbsent(context.pathAsPointer().toString(), parser.currentTokenLocation());
        }
      }
    }
    return new SourceLocations(file, locations);
  }

  /**
   * {@code file:line:column: } for a pointer, falling back to its nearest parent that has a place,
   * and to the start of the file.
   */
  String at(String pointer) {
    String p = pointer;
    while (!p.isEmpty()) {
      JsonLocation location = byPointer.get(p);
      if (location != null) {
        return format(file, location);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
    // Nothing of it is in the file (a top-level section left out): the document as a whole.
    return file + ":1:1: ";
  }

  static String format(String file, JsonLocation location) {
    return file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
  }
}
