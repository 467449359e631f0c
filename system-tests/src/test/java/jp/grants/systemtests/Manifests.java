package jp.grants.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The Kubernetes objects an overlay renders to, as {@code kubectl kustomize} produces them. */
final class Manifests {
  private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

  private final String overlay;
  private final List<Map<String, Object>> objects;

  private Manifests(String overlay, List<Map<String, Object>> objects) {
    this.overlay = overlay;
    this.objects = objects;
  }

  static Manifests of(String overlay) {
    return RENDERED.computeIfAbsent(overlay, Manifests::render);
  }

  @SuppressWarnings("unchecked")
  private static Manifests render(String overlay) {
    String yaml = kubectl("kustomize", ProjectFiles.file("deploy/overlays/" + overlay).toString());
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : new Yaml().loadAll(yaml)) {
      if (document != null) {
        objects.add((Map<String, Object>) document);
      }
    }
    return new Manifests(overlay, objects);
  }

  /** Runs kubectl, found on the PATH as on the developers' machines and CI. */
  private static String kubectl(String... arguments) {
    Path kubectl =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(entry -> Path.of(entry, "kubectl"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "kubectl (with Kustomize) is not on the PATH; install it to check deploy/"));
    try {
      Path errors = Files.createTempFile("kubectl-", ".err");
      List<String> command = new ArrayList<>(List.of(kubectl.toString()));
      command.addAll(List.of(arguments));
      Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed: " + Files.readString(errors));
      }
      Files.deleteIfExists(errors);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String overlay() {
    return overlay;
  }

  List<Map<String, Object>> all() {
    return objects;
  }

  List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
  }

  Optional<Map<String, Object>> find(String kind, String name) {
    return ofKind(kind).stream().filter(object -> name.equals(name(object))).findFirst();
  }

  Map<String, Object> get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
  }

  static String name(Map<String, Object> object) {
    return String.valueOf(map(object, "metadata").get("name"));
  }

  /** Follows a path of keys through nested maps; null where it ends. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object object, String... path) {
    Object current = object;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return (T) current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object object, String... path) {
    Object value = at(object, path);
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object object, String... path) {
    Object value = at(object, path);
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  static int integer(Object object, String... path) {
    Object value = at(object, path);
    if (value == null) {
      throw new AssertionError("no " + String.join(".", path) + " in " + object);
    }
    return Integer.parseInt(String.valueOf(value));
  }
}
