package jp.grants.review.program;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import jp.grants.catalog.EvaluationAxis;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;

/** Programs of the catalog, looked up the way each caller needs. */
@ApplicationScoped
public class Programs {
  @Inject ProgramCatalog catalog;

  /** A program named in a URL: an unknown code is a resource that does not exist (404). */
  public Program byPath(String code) {
    return catalog.find(code).orElseThrow(() -> new NotFoundException("no program " + code + " in catalog "
        + catalog.version()));
  }

  /** A program named by stored data or an event: an unknown code breaks rule PROGRAM-KNOWN. */
  public Program require(String code) {
    return catalog.require(code);
  }

  public List<String> axisCodes(Program program) {
    return program.evaluationAxes().stream().map(EvaluationAxis::code).toList();
  }
}
