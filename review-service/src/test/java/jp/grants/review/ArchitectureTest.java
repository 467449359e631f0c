package jp.grants.review;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layout the house style asks for, checked on the compiled classes. */
class ArchitectureTest {
  private static final JavaClasses SERVICE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("jp.grants.review");

  @Test
  void domainRulesUseNothingButTheJdkTheCatalogAndTheContracts() {
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
            // documentation only: what a served value may hold (no behaviour, nothing at run time)
            "org.eclipse.microprofile.openapi.annotations..")
        .check(SERVICE);
  }

  @Test
  void onlyMessagingCodeTalksToKafka() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..messaging..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka..")
        .check(SERVICE);
  }

  @Test
  void theServiceKnowsOtherServicesOnlyThroughTheContracts() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jp.grants.grant..", "jp.grants.ledger..")
        .check(SERVICE);
  }

  @Test
  void restResourcesDoNotWriteEventsThemselves() {
    noClasses()
        .that()
        .resideInAPackage("..rest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jp.grants.platform.messaging..")
        .check(SERVICE);
  }
}
