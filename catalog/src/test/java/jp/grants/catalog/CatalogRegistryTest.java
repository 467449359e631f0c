package jp.grants.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.grants.contracts.rule.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogRegistryTest {
  /**
   * The checksums of the published versions, written down once at publication: a change to a
   * published file fails here (and the registry refuses to load it) rather than silently changing
   * running grants. Add a line when you publish a version; never change one.
   */
  private static final Map<String, String> PUBLISHED =
      Map.of(
          "2026.12.1", "6b2ea075f985f9c5d08c94856577da4ad744c4474e4e0d246712b73063dfedc3",
          "2026.12.2", "9a0d2c6716dcc9a67e953717f63ec637a9f340b30305871be0e3826b2a2a47bd",
          "2026.12.3", "c257e61254e8bee70b81e7d61ea9cab6bd61e0a69dba534842e524f0ee83c5c4");

  private final CatalogRegistry shipped = CatalogRegistry.shipped();

  @Test
  void shipsEveryPublishedVersionOldestFirstWithTheNewestCurrent() {
    assertThat(shipped.versions())
        .extracting(CatalogRegistry.Entry::version)
        .containsExactly("2026.12.1", "2026.12.2", "2026.12.3");
    assertThat(shipped.currentVersion()).isEqualTo("2026.12.3");
    assertThat(shipped.current().version()).isEqualTo("2026.12.3");
    assertThat(ProgramCatalog.load().version()).isEqualTo("2026.12.3");
    assertThat(shipped.baselineVersion()).isEqualTo("2026.12.2");
  }

  @Test
  void aPublishedVersionsContentNeverChanges() throws IOException {
    for (CatalogRegistry.Entry entry : shipped.versions()) {
      assertThat(PUBLISHED)
          .as("checksum written down for " + entry.version())
          .containsKey(entry.version());
      assertThat(entry.sha256()).isEqualTo(PUBLISHED.get(entry.version()));
      try (InputStream in = CatalogRegistry.class.getResourceAsStream(entry.resource())) {
        assertThat(CatalogRegistry.sha256(in.readAllBytes()))
            .isEqualTo(PUBLISHED.get(entry.version()));
      }
    }
  }

  @Test
  void eachVersionKeepsItsOwnRules() {
    Program before = shipped.version("2026.12.1").orElseThrow().require("WPI-CORE");
    Program now = shipped.version("2026.12.2").orElseThrow().require("WPI-CORE");
    assertThat(before.stageGates().get(0).windDownYears()).isNull();
    assertThat(now.stageGates().get(0).windDownYears()).isEqualTo(1);
    assertThat(shipped.version("2026.12.1").orElseThrow().require("WPI").evaluations()).isNull();
    assertThat(
            shipped.version("2026.12.2").orElseThrow().require("WPI").evaluations().interimYear())
        .isEqualTo(5);
  }

  @Test
  void anUnknownVersionIsAbsentAndRefusedByName() {
    assertThat(shipped.version("1999.1.1")).isEmpty();
    assertThat(shipped.version(null)).isEmpty();
    assertThatThrownBy(() -> shipped.require("1999.1.1"))
        .isInstanceOfSatisfying(
            RuleViolation.class, v -> assertThat(v.ruleName()).isEqualTo("CATALOG-VERSION-KNOWN"));
  }

  @Test
  void anExtraLocationAddsVersionsAndMayNameTheCurrentOne() {
    CatalogRegistry extra = CatalogRegistry.load("classpath:jp/grants/catalog/test-versions", null);
    assertThat(extra.versions())
        .extracting(CatalogRegistry.Entry::version)
        .containsExactly("2026.12.1", "2026.12.2", "2026.12.3", "2099.1.1");
    assertThat(extra.currentVersion()).isEqualTo("2026.12.3");
    assertThat(
            extra
                .version("2099.1.1")
                .orElseThrow()
                .require("WPI-CORE")
                .initialPhase()
                .annualCapYen())
        .isEqualTo(400_000_000L);

    CatalogRegistry newer =
        CatalogRegistry.load("classpath:jp/grants/catalog/test-versions", "2099.1.1");
    assertThat(newer.current().version()).isEqualTo("2099.1.1");
    assertThat(newer.baselineVersion()).isEqualTo("2026.12.2");
  }

  @Test
  void theStandardRegistryFollowsItsSettings() {
    String before = System.getProperty(CatalogRegistry.CURRENT_PROPERTY);
    try {
      System.setProperty(CatalogRegistry.CURRENT_PROPERTY, "2026.12.1");
      assertThat(ProgramCatalog.load().version()).isEqualTo("2026.12.1");
    } finally {
      if (before == null) {
        System.clearProperty(CatalogRegistry.CURRENT_PROPERTY);
      } else {
        System.setProperty(CatalogRegistry.CURRENT_PROPERTY, before);
      }
    }
    assertThat(ProgramCatalog.load().version()).isEqualTo("2026.12.3");
  }

  @Test
  void aChangedPublishedFileIsRefusedAtLoad(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("2099.2.1.yaml");
    Files.writeString(file, Files.readString(testVersion()).replace("2099.1.1", "2099.2.1"));
    Files.writeString(
        dir.resolve("index.yaml"),
        "versions:\n  - {version: \"2099.2.1\", resource: 2099.2.1.yaml,"
            + " sha256: "
            + "0".repeat(64)
            + "}\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CatalogRegistry.load(dir.toString(), null))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e -> assertThat(e.rule()).isEqualTo("CATALOG-VERSION-UNCHANGED"));
  }

  @Test
  void aVersionPublishedTwiceOrUnderAnotherLabelIsRefused(@TempDir Path dir) throws IOException {
    byte[] content = Files.readAllBytes(testVersion());
    Files.write(dir.resolve("v.yaml"), content);
    String sha = CatalogRegistry.sha256(content);
    Files.writeString(
        dir.resolve("index.yaml"),
        "versions:\n  - {version: \"2026.12.2\", resource: v.yaml, sha256: " + sha + "}\n");
    assertThatThrownBy(() -> CatalogRegistry.load(dir.toString(), null))
        .isInstanceOfSatisfying(
            CatalogException.class, e -> assertThat(e.rule()).isEqualTo("CATALOG-VERSION-UNIQUE"));
    Files.writeString(
        dir.resolve("index.yaml"),
        "versions:\n  - {version: \"2099.3.1\", resource: v.yaml, sha256: " + sha + "}\n");
    assertThatThrownBy(() -> CatalogRegistry.load(dir.toString(), null))
        .isInstanceOfSatisfying(
            CatalogException.class, e -> assertThat(e.rule()).isEqualTo("CATALOG-VERSION-MATCHES"));
    assertThatThrownBy(() -> CatalogRegistry.load(null, "2099.3.1"))
        .isInstanceOfSatisfying(
            CatalogException.class, e -> assertThat(e.rule()).isEqualTo("CATALOG-CURRENT"));
  }

  @Test
  void anInvalidVersionIsRefusedWithTheVersionNamed(@TempDir Path dir) throws IOException {
    byte[] content =
        Files.readString(testVersion())
            .replace("annualCapYen: 400000000", "annualCapYen: -1")
            .getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("v.yaml"), content);
    Files.writeString(
        dir.resolve("index.yaml"),
        "versions:\n  - {version: \"2099.1.1\", resource: v.yaml, sha256: "
            + CatalogRegistry.sha256(content)
            + "}\n");
    assertThatThrownBy(() -> CatalogRegistry.load(dir.toString(), null))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("2099.1.1");
  }

  private static Path testVersion() {
    try {
      return Path.of(CatalogRegistryTest.class.getResource("test-versions/2099.1.1.yaml").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
