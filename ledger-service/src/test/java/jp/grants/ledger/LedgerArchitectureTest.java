package jp.grants.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package by feature, then by role: the domain stays free of storage, messaging and HTTP. */
@AnalyzeClasses(packages = "jp.grants.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class LedgerArchitectureTest {
  private static final String[] INFRASTRUCTURE = {
    "jakarta.persistence..", "jakarta.transaction..", "jakarta.ws.rs..", "jakarta.enterprise..",
        "org.hibernate..",
    "io.quarkus..", "org.apache.kafka..", "java.sql..", "javax.sql..",
        "jp.grants.platform.messaging.."
  };

  @ArchTest
  static final ArchRule domainIsPure =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..ledger.grant.domain..",
              "..ledger.budget.domain..",
              "..ledger.disbursement.domain..")
          .or()
          .resideInAPackage("jp.grants.ledger.journal")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(INFRASTRUCTURE)
          .because("rules and figures are plain Java, tested without a database or a broker");

  @ArchTest
  static final ArchRule nothingDependsOnRest =
      noClasses()
          .that()
          .resideOutsideOfPackage("..rest..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..rest..")
          .because("the REST layer is the outermost: commands and queries serve every channel");

  @ArchTest
  static final ArchRule otherServicesOnlyThroughContracts =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jp.grants.grant..", "jp.grants.review..")
          .because("services share only the contracts module");

  @ArchTest
  static final ArchRule publishedOnlyThroughTheOutbox =
      classes()
          .that()
          .resideInAPackage("jp.grants.ledger..")
          .should()
          .onlyDependOnClassesThat()
          .resideOutsideOfPackage("org.apache.kafka.clients.producer..")
          .because("answers leave through the outbox, in the transaction of the ledger's writes");
}
