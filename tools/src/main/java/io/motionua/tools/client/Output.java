package io.motionua.tools.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a client command prints on stdout: a text line, or one JSON object per line. */
final class Output {

  private final ObjectMapper mapper = new ObjectMapper();
  private final boolean json;
  private final PrintStream out;

  Output(boolean json, PrintStream out) {
    this.json = json;
    this.out = out;
  }

  /**
   * Prints a record: {@code text} in text mode, or {@code fields} (name, value pairs) as one JSON
   * object.
   */
  void print(String text, Object... fields) {
    if (!json) {
      out.println(text);
      out.flush();
      return;
    }
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      object.put((String) fields[i], fields[i + 1]);
    }
    try {
      out.println(mapper.writeValueAsString(object));
    } catch (JsonProcessingException e) {
      out.println("{\"error\":\"" + e.getOriginalMessage() + "\"}");
    }
    out.flush();
  }
}
