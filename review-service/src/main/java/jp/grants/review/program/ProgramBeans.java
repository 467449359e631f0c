package jp.grants.review.program;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jp.grants.catalog.ProgramCatalog;

/** The program catalog this build ships, validated once at start-up. */
public class ProgramBeans {
  @Produces
  @Singleton
  ProgramCatalog catalog() {
    return ProgramCatalog.load();
  }
}
