package io.motionua.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a machine file. Its problems become one {@link ConfigException} listing every one found,
 * each naming the file, line, column and field; nothing half-read is returned. A file that is not
 * valid YAML stops at its first syntax error.
 */
public final class ConfigLoader {

  /** The demo machine inside the jar; the same text as examples/demo-arm.yaml. */
  public static final String DEMO_RESOURCE = "/io/motionua/server/config/demo-arm.yaml";

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // A key written twice is a mistake, not "the last one wins".
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // "4840" for a number or "true" for a boolean: recorded, not converted.
          .addModule(StrictScalars.module())
          .build();

  private ConfigLoader() {}

  public static MachineConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(file.toString(), text, file);
  }

  /** The built-in demo machine. */
  public static MachineConfig demo() throws ConfigException {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEMO_RESOURCE)) {
      Objects.requireNonNull(in, "demo machine missing from the jar: " + DEMO_RESOURCE);
      return parse("demo-arm.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
    } catch (IOException e) {
      throw new ConfigException("demo-arm.yaml: cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a machine file's text.
   *
   * @param name the name messages use for the file
   * @param source the file's path, kept in the result; null for built-in text
   */
  public static MachineConfig parse(String name, String text, Path source) throws ConfigException {
    RawConfig raw;
    SourceLocations locations = null;
    Problems problems = null;
    try {
      locations = SourceLocations.index(MAPPER.getFactory(), name, text);
      problems = new Problems(locations);
      raw =
          MAPPER
              .readerFor(RawConfig.class)
              .withHandler(new BindingProblems(problems))
              .readValue(text);
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining(", "));
      throw withEarlier(
          problems,
          where(name, locations, e)
              + path(e)
              + ": unknown field '"
              + e.getPropertyName()
              + "' (known: "
              + known
              + ")");
    } catch (JsonMappingException e) {
      throw withEarlier(problems, where(name, locations, e) + path(e) + ": " + bindingProblem(e));
    } catch (JsonProcessingException e) {
      throw new ConfigException(where(name, e) + "not valid YAML: " + yamlProblem(e));
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read: " + e.getMessage(), e);
    }
    if (raw == null) {
      throw new ConfigException(name + ":1:1: the file is empty");
    }
    return new ConfigValidator(problems).validate(raw, source);
  }

  /** A problem that stopped binding, after those recorded before it. */
  private static ConfigException withEarlier(Problems problems, String message) {
    if (problems == null || problems.isEmpty()) {
      return new ConfigException(message);
    }
    problems.addFormatted(message);
    return problems.toException();
  }

  /**
   * The field's own place when the index has it: Jackson reports some errors at the object's end.
   */
  private static String where(String name, SourceLocations locations, JsonMappingException e) {
    if (locations != null && !e.getPath().isEmpty()) {
      StringBuilder pointer = new StringBuilder();
      for (JsonMappingException.Reference ref : e.getPath()) {
        pointer
            .append('/')
            .append(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
      }
      return locations.at(pointer.toString());
    }
    return where(name, e);
  }

  private static String where(String name, JsonProcessingException e) {
    return e.getLocation() == null ? name + ": " : SourceLocations.format(name, e.getLocation());
  }

  /** Jackson's problem, its first line. */
  private static String bindingProblem(JsonMappingException e) {
    return e.getOriginalMessage().lines().findFirst().orElse("").strip();
  }

  /** SnakeYAML's problem in one line, without the source snippet it prints under it. */
  private static String yamlProblem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m) {
      String problem = m.getProblem() == null ? "" : m.getProblem().strip();
      return m.getContext() == null ? problem : m.getContext().strip() + ": " + problem;
    }
    return e.getOriginalMessage().lines().findFirst().orElse("").strip();
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "(top level)" : sb.toString();
  }
}
