package jp.grants.systemtests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import jp.grants.contracts.Topics;
import jp.grants.launcher.Service;

/** The checkout under test and the services' own configuration, read from their sources. */
final class ProjectFiles {
  private ProjectFiles() {}

  /** Set by the build (maven.multiModuleProjectDirectory); from an IDE, the module's parent. */
  static Path root() {
    String configured = System.getProperty("grants.project.dir");
    Path root =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().getParent();
    if (!Files.isDirectory(root.resolve("grant-service"))) {
      throw new IllegalStateException("not the project root: " + root);
    }
    return root;
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  /**
   * A service's configuration as its sources say it, without profile-specific (%test., %dev.)
   * entries: the defaults every service shares (platform's META-INF/microprofile-config.properties)
   * under the service's application.properties.
   */
  static Map<String, String> applicationProperties(Service service) {
    Properties properties = new Properties();
    load(
        properties,
        root().resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
    load(
        properties,
        root().resolve(service.moduleName()).resolve("src/main/resources/application.properties"));
    Map<String, String> result = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (!name.startsWith("%")) {
        result.put(name, properties.getProperty(name));
      }
    }
    return result;
  }

  private static void load(Properties properties, Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int httpPort(Service service) {
    return Integer.parseInt(applicationProperties(service).get("quarkus.http.port"));
  }

  /**
   * The environment variable MicroProfile Config reads for a property: every character that is not
   * a letter or digit becomes '_', then upper case ({@code mp.jwt.verify.publickey.location} →
   * {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}).
   */
  static String environmentName(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** Environment names of the properties the service defines. */
  static Set<String> environmentNames(Service service) {
    Set<String> names = new TreeSet<>();
    applicationProperties(service).keySet().forEach(name -> names.add(environmentName(name)));
    return names;
  }

  /** The topic names of contracts' {@link Topics}, read from its constants. */
  static Set<String> contractTopics() {
    Set<String> topics = new TreeSet<>();
    for (Field field : Topics.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          topics.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return topics;
  }

  /**
   * The roles of platform's Roles (its {@code public static final String} constants), read from its
   * source.
   */
  static Set<String> platformRoles() {
    String source =
        read(root().resolve("platform/src/main/java/jp/grants/platform/security/Roles.java"));
    Set<String> roles = new TreeSet<>();
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("public static final String \\w+ = \"([^\"]+)\";")
            .matcher(source);
    while (matcher.find()) {
      roles.add(matcher.group(1));
    }
    return roles;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
