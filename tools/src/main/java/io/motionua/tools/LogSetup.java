package io.motionua.tools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's logging, on Logback: the level of MotionUA's own loggers, and the rolling log
 * file that {@code serve} writes beside the console. The console part is {@code logback.xml}.
 */
final class LogSetup {

  /** The same layout as the console's: ISO-8601 time with offset, level, logger, message. */
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";

  /** Logback's fixed window holds at most 20 old files. */
  static final int MAX_FILES = 20;

  private static final List<String> LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private LogSetup() {}

  /**
   * The first error Logback met while reading its configuration (a corrupt logback.xml), as one
   * line naming the file; empty when the configuration was read cleanly.
   */
  static Optional<String> configurationError() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return Optional.empty();
    }
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      if (status.getLevel() == Status.ERROR) {
        String file = System.getProperty("logback.configurationFile", "the built-in logback.xml");
        Throwable cause = status.getThrowable();
        return Optional.of(
            "logging configuration %s: %s%s"
                .formatted(
                    file,
                    status.getMessage(),
                    cause == null ? "" : " (" + cause.getMessage() + ")"));
      }
    }
    return Optional.empty();
  }

  /**
   * Sets the level of MotionUA's own loggers.
   *
   * @throws IllegalArgumentException for a name that is not a level, listing the levels
   */
  static void setLevel(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(upper)) {
      throw new IllegalArgumentException(
          "unknown log level '%s' (known: %s)"
              .formatted(name, String.join(", ", LEVELS).toLowerCase(Locale.ROOT)));
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger("io.motionua").setLevel(Level.toLevel(upper));
    }
  }

  /**
   * Checks a file size such as {@code 10MB}.
   *
   * @throws IllegalArgumentException when Logback cannot read it
   */
  static FileSize fileSize(String text) {
    try {
      return FileSize.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'%s' is not a file size (write e.g. 10MB, 500KB, 1GB)".formatted(text));
    }
  }

  /**
   * Adds the rolling log file {@code dir/motionua.log} to the root logger: when it reaches {@code
   * maxFileSize} it becomes {@code motionua.1.log.gz}, the older ones move up, and at most {@code
   * maxFiles} old files are kept, so the logs never take more than about {@code (maxFiles + 1) *
   * maxFileSize} (less, compressed).
   */
  static Path addRollingFile(Path dir, FileSize maxFileSize, int maxFiles) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException("Logback is not the logging backend");
    }
    Path file = dir.resolve("motionua.log").toAbsolutePath();
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(file.toString());

    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(dir.toAbsolutePath().resolve("motionua.%i.log.gz").toString());
    rolling.setMinIndex(1);
    rolling.setMaxIndex(maxFiles);
    rolling.start();

    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(maxFileSize);
    trigger.start();

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();

    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    appender.setEncoder(encoder);
    appender.start();
    if (!appender.isStarted()) {
      throw new IllegalStateException("cannot write the log file " + file);
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return file;
  }
}
