package jp.grants.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The schema files as committed in {@code contracts/src/main/resources}, the source of truth. */
final class CommittedSchemas {
  /** Set {@code -Dcontracts.regenerate=true} to rewrite the committed files from the records. */
  static final String REGENERATE = "contracts.regenerate";

  static final String HOW_TO_REGENERATE =
      "./mvnw -B -q install -o -pl contracts -Dtest=EventSchemasTest -Dcontracts.regenerate=true";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CommittedSchemas() {}

  /** The module's own folder (surefire runs in it; Maven also passes it as {@code basedir}). */
  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  }

  static Path resources() {
    return moduleDir().resolve("src/main/resources");
  }

  static Path root() {
    return resources().resolve(EventSchemas.RESOURCE_ROOT);
  }

  static Path file(String resourcePath) {
    return resources().resolve(resourcePath);
  }

  static Optional<String> text(String resourcePath) {
    Path file = file(resourcePath);
    try {
      return Files.exists(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(String resourcePath, String text) {
    Path file = file(resourcePath);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean regenerating() {
    return Boolean.getBoolean(REGENERATE);
  }
}
