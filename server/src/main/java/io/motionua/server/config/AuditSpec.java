package io.motionua.server.config;

/**
 * Limits of the audit file (docs/security.md, "Audit").
 *
 * @param queue lines waiting to be written; more are dropped and counted, never waited for
 * @param maxFileMb size at which audit.log is rolled over
 * @param maxFiles rolled files kept (audit.1.log ... audit.N.log)
 * @param maxDays rolled files older than this are deleted
 */
public record AuditSpec(Integer queue, Integer maxFileMb, Integer maxFiles, Integer maxDays) {

  /** The defaults, also what a file without {@code server.audit} gets. */
  public static AuditSpec defaults() {
    return new AuditSpec(null, null, null, null).withDefaults();
  }

  AuditSpec withDefaults() {
    return new AuditSpec(
        queue == null ? 10_000 : queue,
        maxFileMb == null ? 10 : maxFileMb,
        maxFiles == null ? 10 : maxFiles,
        maxDays == null ? 90 : maxDays);
  }
}
