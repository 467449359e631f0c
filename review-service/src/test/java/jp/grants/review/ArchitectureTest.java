package jp.grants.review;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jp.grants.infra.architecture.ServiceArchitecture;

/**
 * Package by feature, then by role (the house style), checked on the compiled classes with the
 * rules every service shares and the review's own.
 */
@AnalyzeClasses(packages = "jp.grants.review", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ROOT = "jp.grants.review";

  /** The cycles between features recorded in src/test/resources/archunit_store; no new one. */
  @ArchTest static final ArchRule noNewPackageCycles = ServiceArchitecture.noNewPackageCycles(ROOT);

  @ArchTest
  static final ArchRule domainIsPure = ServiceArchitecture.domainIsPure("..review..domain..");

  /** Domain records may carry OpenAPI annotations: documentation only, nothing at run time. */
  @ArchTest
  static final ArchRule domainUsesNothingButTheJdkTheCatalogAndTheContracts =
      classes()
          .that()
          .resideInAPackage("..domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "..domain..",
              "jp.grants.catalog..",
              "jp.grants.contracts..",
              "org.eclipse.microprofile.openapi.annotations..");

  @ArchTest
  static final ArchRule nothingDependsOnRest = ServiceArchitecture.nothingDependsOnRest(ROOT);

  @ArchTest
  static final ArchRule otherServicesOnlyThroughContracts =
      ServiceArchitecture.otherServicesOnlyThroughContracts(ROOT);

  @ArchTest
  static final ArchRule onlyMessagingTalksToKafka =
      ServiceArchitecture.onlyMessagingTalksToKafka(ROOT);

  @ArchTest
  static final ArchRule restResourcesDoNotWriteEventsThemselves =
      noClasses()
          .that()
          .resideInAPackage("..rest..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jp.grants.platform.messaging..")
          .because("events leave through the outbox, written by the commands");
}
