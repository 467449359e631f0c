package jp.grants.review.program;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import jp.grants.catalog.CatalogRegistry;
import jp.grants.catalog.EvaluationAxis;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import org.jboss.logging.Logger;

/** Programs of the catalog, looked up the way each caller needs. */
@ApplicationScoped
public class Programs {
  private static final Logger LOG = Logger.getLogger(Programs.class);

  @Inject ProgramCatalog catalog;

  /** A program named in a URL: an unknown code is a resource that does not exist (404). */
  public Program byPath(String code) {
    return catalog
        .find(code)
        .orElseThrow(
            () -> new NotFoundException("no program " + code + " in catalog " + catalog.version()));
  }

  /** A program named by stored data or an event: an unknown code breaks rule PROGRAM-KNOWN. */
  public Program require(String code) {
    return catalog.require(code);
  }

  /**
   * A grant's program as the catalog version its rules come from states it (the version its events
   * carry): what grant-service checks the grant's decisions against. A grant with no recorded
   * version is on the catalog's baseline version; a version this build does not ship (a newer
   * grant-service published it) falls back to the current catalog, with a warning.
   */
  public Program ofGrant(String code, String catalogVersion) {
    CatalogRegistry registry = CatalogRegistry.standard();
    if (catalogVersion == null) {
      return registry.baseline().require(code);
    }
    return registry
        .version(catalogVersion)
        .orElseGet(
            () -> {
              LOG.warnf(
                  "catalog version %s of a grant of %s is not shipped with this build: checking against %s",
                  catalogVersion, code, catalog.version());
              return catalog;
            })
        .require(code);
  }

  public List<String> axisCodes(Program program) {
    return program.evaluationAxes().stream().map(EvaluationAxis::code).toList();
  }
}
