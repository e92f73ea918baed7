package io.motionua.server.history.external;

import java.sql.SQLException;

/** One sentence for a failed connection or statement, without a stack trace. */
final class ConnectionFailure {

  private ConnectionFailure() {}

  static String describe(SQLException failure, String user) {
    // A failed batch says "Batch entry 0 INSERT ... was aborted"; the reason is the next exception.
    SQLException e = failure;
    while (e.getNextException() != null && e.getNextException() != e) {
      e = e.getNextException();
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String text = firstSentence(e.getMessage());
    if (state.equals("28P01") || state.equals("28000")) {
      return "user '" + user + "' refused (wrong user name or password?): " + text;
    }
    if (state.equals("3D000")) {
      return "no such database: " + text;
    }
    if (state.equals("42501")) {
      return "not allowed (the user needs CREATE on the schema, INSERT on the tables): " + text;
    }
    if (state.startsWith("08") || state.startsWith("57P")) {
      return "cannot reach the database: " + text;
    }
    return text + (state.isEmpty() ? "" : " (SQLState " + state + ")");
  }

  /** The driver's first sentence: "Connection to HOST:PORT refused" without its advice. */
  private static String firstSentence(String message) {
    if (message == null) {
      return "no message";
    }
    String line = message.lines().findFirst().orElse("").trim();
    int advice = line.indexOf(". Check that");
    String sentence = advice > 0 ? line.substring(0, advice) : line;
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }
}
