package io.motionua.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static List<String> lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  @Test
  void valuesAreJsonArraysAsArraysAndTextEscaped() throws Exception {
    Path file = dir.resolve("audit.log");
    try (AuditLog audit =
        new AuditLog(file, 100, 1 << 20, 3, Duration.ofDays(1), Clock.systemUTC())) {
      audit.call(
          "olga",
          "operator",
          "ns=2;s=Arm/Groups/arm",
          "MoveSynchronized",
          List.of(new Double[] {1.0, -2.5}, 0.5),
          "Good");
      audit.write("erin", "engineer", "ns=2;s=X", 1.0, "a \"quoted\"\nline", "Bad_TypeMismatch");
    }
    List<String> lines = lines(file);
    assertEquals(2, lines.size());
    JsonNode call = JSON.readTree(lines.get(0));
    assertEquals("MoveSynchronized", call.get("method").asText());
    assertTrue(call.get("arguments").get(0).isArray(), lines.get(0));
    assertEquals(-2.5, call.get("arguments").get(0).get(1).asDouble());
    JsonNode write = JSON.readTree(lines.get(1));
    assertEquals("a \"quoted\"\nline", write.get("new").asText());
    assertEquals(1.0, write.get("old").asDouble());
  }

  @Test
  void theFileRollsOverAtItsSizeAndKeepsAtMostItsFiles() throws Exception {
    Path file = dir.resolve("audit.log");
    try (AuditLog audit = new AuditLog(file, 1000, 400, 2, Duration.ofDays(1), Clock.systemUTC())) {
      for (int i = 0; i < 40; i++) {
        audit.login("user" + i, "10.0.0." + i, "Bad_UserAccessDenied", "wrong password");
      }
    }
    assertTrue(Files.size(file) <= 400, "the current file stays under its size");
    assertTrue(Files.exists(audit(1)) && Files.exists(audit(2)), "two rolled files");
    assertTrue(!Files.exists(audit(3)), "no third");
    List<String> kept = new ArrayList<>(lines(audit(2)));
    kept.addAll(lines(audit(1)));
    kept.addAll(lines(file));
    assertTrue(kept.get(kept.size() - 1).contains("\"user\":\"user39\""), "newest last");
    for (String line : kept) {
      JSON.readTree(line); // every kept line is whole JSON
    }
  }

  private Path audit(int i) {
    return dir.resolve("audit." + i + ".log");
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
    Path file = dir.resolve("audit.log");
    AuditLog audit = new AuditLog(file, 2, 1 << 20, 3, Duration.ofDays(1), Clock.systemUTC());
    int sent = 6;
    synchronized (audit) { // the writer thread waits for this monitor: the disk is "slow"
      for (int i = 0; i < sent; i++) {
        audit.login("u" + i, "127.0.0.1", "Bad_UserAccessDenied", "test");
      }
      assertTrue(audit.dropped() >= sent - 3, "dropped " + audit.dropped());
    }
    audit.close();
    assertEquals(sent, lines(file).size() + audit.dropped(), "every line written or counted");
  }
}
