package jp.grants.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every published version of the program catalog, each validated when loaded, and which one is
 * current. A grant keeps the version it is pinned to (grant-service), so a new version changes only
 * the grants that start under it or are migrated to it.
 *
 * <p>The versions shipped with this module are listed in {@value #INDEX} with the SHA-256 of each
 * file: a published version never changes ({@code CATALOG-VERSION-UNCHANGED} refuses to load one
 * whose content differs from what was published). Two settings, each a JVM system property or its
 * environment variable, add to them:
 *
 * <ul>
 *   <li>{@value #EXTRA_PROPERTY} ({@code GRANTS_CATALOG_EXTRA_VERSIONS}): a location of further
 *       versions, {@code classpath:<dir>} or a directory, holding an {@code index.yaml} of the same
 *       form (its {@code resource}s relative to it). Versions published outside a build, and the
 *       tests' own versions, come from here.
 *   <li>{@value #CURRENT_PROPERTY} ({@code GRANTS_CATALOG_CURRENT}): which known version is
 *       current, instead of the shipped index's {@code current}.
 * </ul>
 */
public final class CatalogRegistry {
  /** The index of the shipped versions, relative to this package. */
  public static final String INDEX = "versions/index.yaml";

  public static final String EXTRA_PROPERTY = "grants.catalog.extra-versions";
  public static final String CURRENT_PROPERTY = "grants.catalog.current";
  private static final String SHIPPED_BASE = "jp/grants/catalog/";

  private static volatile CatalogRegistry standard;
  private static volatile String standardKey;

  private final Map<String, Entry> versions;
  private final String current;
  private final String baseline;

  /**
   * A published version: its catalog, where it was read from, and the checksum it was published
   * with.
   */
  public record Entry(
      String version, String resource, String sha256, String note, ProgramCatalog catalog) {}

  record Index(String current, String baseline, List<IndexEntry> versions) {}

  record IndexEntry(String version, String resource, String sha256, String note) {}

  private CatalogRegistry(Map<String, Entry> versions, String current, String baseline) {
    this.versions = versions;
    this.current = current;
    this.baseline = baseline;
  }

  /**
   * The registry of this build with the configured extra versions and current version; loaded and
   * validated once per configuration.
   */
  public static CatalogRegistry standard() {
    String extra = setting(EXTRA_PROPERTY, "GRANTS_CATALOG_EXTRA_VERSIONS");
    String current = setting(CURRENT_PROPERTY, "GRANTS_CATALOG_CURRENT");
    String key = extra + "|" + current;
    CatalogRegistry registry = standard;
    if (registry == null || !key.equals(standardKey)) {
      synchronized (CatalogRegistry.class) {
        registry = load(extra, current);
        standard = registry;
        standardKey = key;
      }
    }
    return registry;
  }

  /** The shipped versions only, as their index says. */
  public static CatalogRegistry shipped() {
    return load(null, null);
  }

  /**
   * The shipped versions, those of an extra location (null for none), and the current version named
   * (null for the shipped index's).
   */
  public static CatalogRegistry load(String extraLocation, String currentVersion) {
    Map<String, Entry> versions = new LinkedHashMap<>();
    Index shipped = readIndex(new Source(true, SHIPPED_BASE), INDEX);
    add(versions, shipped, new Source(true, SHIPPED_BASE));
    if (extraLocation != null && !extraLocation.isBlank()) {
      Source extra = Source.of(extraLocation);
      Index index = readIndex(extra, "index.yaml");
      if (index.baseline() != null) {
        throw new CatalogException(
            "(extra versions)",
            "CATALOG-BASELINE",
            "only the shipped index names the baseline version");
      }
      add(versions, index, extra);
    }
    String current =
        currentVersion == null || currentVersion.isBlank() ? shipped.current() : currentVersion;
    require(
        current != null && versions.containsKey(current),
        "CATALOG-CURRENT",
        "the current version " + current + " is not one of " + versions.keySet());
    require(
        shipped.baseline() != null && versions.containsKey(shipped.baseline()),
        "CATALOG-BASELINE",
        "the baseline version " + shipped.baseline() + " is not one of " + versions.keySet());
    return new CatalogRegistry(
        java.util.Collections.unmodifiableMap(versions), current, shipped.baseline());
  }

  /** The version new grants are checked against and pinned to. */
  public ProgramCatalog current() {
    return versions.get(current).catalog();
  }

  /** A published version, if known. */
  public Optional<ProgramCatalog> version(String version) {
    return Optional.ofNullable(version == null ? null : versions.get(version)).map(Entry::catalog);
  }

  /** A published version, or an unprocessable-request refusal naming the unknown version. */
  public ProgramCatalog require(String version) {
    return version(version)
        .orElseThrow(
            () ->
                CatalogRule.CATALOG_VERSION_KNOWN.violation(
                    "no catalog version " + version + "; known: " + versions.keySet()));
  }

  /** Every known version, oldest first as published (shipped ones, then the extra location's). */
  public List<Entry> versions() {
    return List.copyOf(versions.values());
  }

  /** The version of grants whose events record none (their history predates versioning). */
  public ProgramCatalog baseline() {
    return versions.get(baseline).catalog();
  }

  public String currentVersion() {
    return current;
  }

  public String baselineVersion() {
    return baseline;
  }

  private static void add(Map<String, Entry> versions, Index index, Source source) {
    require(
        index.versions() != null && !index.versions().isEmpty(),
        "CATALOG-VERSIONS",
        "the index " + source.base + " lists no version");
    for (IndexEntry e : index.versions()) {
      String entry = e.version() == null ? "(unnamed version)" : e.version();
      if (e.version() == null || e.resource() == null || e.sha256() == null) {
        throw new CatalogException(
            entry, "CATALOG-VERSION-ENTRY", "every version names its resource and sha256");
      }
      if (versions.containsKey(e.version())) {
        throw new CatalogException(entry, "CATALOG-VERSION-UNIQUE", "version is published twice");
      }
      byte[] bytes = source.read(e.resource());
      String actual = sha256(bytes);
      if (!actual.equalsIgnoreCase(e.sha256())) {
        throw new CatalogException(
            entry,
            "CATALOG-VERSION-UNCHANGED",
            "the content of "
                + e.resource()
                + " is not the one published (sha256 "
                + actual
                + ", index "
                + e.sha256()
                + "): a published version never changes; publish a new version instead");
      }
      ProgramCatalog catalog;
      try {
        catalog = ProgramCatalog.parse(new ByteArrayInputStream(bytes));
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      } catch (CatalogException ex) {
        throw new CatalogException(entry + ": " + ex.entry(), ex.rule(), ex.getMessage());
      }
      if (!e.version().equals(catalog.version())) {
        throw new CatalogException(
            entry, "CATALOG-VERSION-MATCHES", e.resource() + " says version " + catalog.version());
      }
      versions.put(
          e.version(), new Entry(e.version(), e.resource(), e.sha256(), e.note(), catalog));
    }
  }

  private static Index readIndex(Source source, String name) {
    byte[] bytes = source.read(name);
    try {
      Object document =
          new Yaml(new SafeConstructor(new LoaderOptions())).load(new ByteArrayInputStream(bytes));
      return new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .convertValue(document, Index.class);
    } catch (RuntimeException e) {
      throw new CatalogException(
          "(index " + source.base + name + ")", "CATALOG-INDEX", e.getMessage());
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void require(boolean condition, String rule, String message) {
    if (!condition) {
      throw new CatalogException("(catalog versions)", rule, message);
    }
  }

  private static String setting(String property, String environment) {
    String value = System.getProperty(property);
    return value != null ? value : System.getenv(environment);
  }

  /** Where a set of versions is read from: the class path or a directory. */
  private record Source(boolean classpath, String base) {
    static Source of(String location) {
      if (location.startsWith("classpath:")) {
        String dir = location.substring("classpath:".length());
        while (dir.startsWith("/")) {
          dir = dir.substring(1);
        }
        return new Source(true, dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/");
      }
      return new Source(false, location);
    }

    byte[] read(String name) {
      Objects.requireNonNull(name);
      try {
        if (!classpath) {
          return Files.readAllBytes(Path.of(base).resolve(name));
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(base + name);
        if (in == null) {
          in = CatalogRegistry.class.getClassLoader().getResourceAsStream(base + name);
        }
        if (in == null) {
          throw new CatalogException(
              "(catalog versions)", "CATALOG-PRESENT", base + name + " is missing");
        }
        try (InputStream stream = in) {
          return stream.readAllBytes();
        }
      } catch (IOException e) {
        throw new CatalogException(
            "(catalog versions)", "CATALOG-PRESENT", base + name + ": " + e.getMessage());
      }
    }
  }
}
