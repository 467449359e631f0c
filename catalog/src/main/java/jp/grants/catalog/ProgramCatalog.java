package jp.grants.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One published version of the program catalog. {@link CatalogRegistry} reads every published
 * version ({@code programs.yaml} is the newest, earlier ones are under {@code versions/}) and
 * validates each; an invalid catalog fails with a {@link CatalogException} that names the entry and
 * the rule, so that a service never starts on a broken catalog.
 */
public record ProgramCatalog(
    String version,
    String asOf,
    Map<String, Object> shared,
    List<BudgetPool> budgetPools,
    List<Program> programs) {
  public static final String RESOURCE = "programs.yaml";

  /**
   * The current version of the catalog ({@link CatalogRegistry#standard()}): what new grants are
   * checked against. A running grant's rules come from the version it is pinned to, {@link
   * CatalogRegistry#version(String)}.
   */
  public static ProgramCatalog load() {
    return CatalogRegistry.standard().current();
  }

  /** Parses and validates a catalog document. */
  public static ProgramCatalog parse(InputStream yaml) throws IOException {
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    ProgramCatalog catalog;
    try {
      // SnakeYAML resolves the anchors and aliases that the shared definitions use.
      LoaderOptions options = new LoaderOptions();
      // The shared definitions are used by every entry; the catalog is this module's own file.
      options.setMaxAliasesForCollections(500);
      Object document = new Yaml(new SafeConstructor(options)).load(yaml);
      catalog = mapper.convertValue(document, ProgramCatalog.class);
    } catch (RuntimeException e) {
      throw new CatalogException("(document)", "CATALOG-SHAPE", e.getMessage());
    }
    CatalogValidator.validate(catalog);
    return catalog;
  }

  public Optional<Program> find(String code) {
    return programs.stream().filter(p -> p.code().equals(code)).findFirst();
  }

  public Optional<BudgetPool> findPool(String code) {
    return budgetPools.stream().filter(p -> p.code().equals(code)).findFirst();
  }

  /** The pool a program draws on (the validator makes sure there is one). */
  public BudgetPool poolOf(Program program) {
    return findPool(program.budgetPool()).orElseThrow();
  }

  /** The programs that draw on a pool. */
  public List<Program> programsIn(String poolCode) {
    return programs.stream().filter(p -> p.budgetPool().equals(poolCode)).toList();
  }

  /** The program, or an unprocessable-request refusal naming the unknown code. */
  public Program require(String code) {
    return find(code)
        .orElseThrow(
            () ->
                CatalogRule.PROGRAM_KNOWN.violation(
                    "no program with code " + code + " in catalog " + version));
  }
}
