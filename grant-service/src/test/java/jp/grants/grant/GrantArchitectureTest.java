package jp.grants.grant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Packages by role, without cycles: {@code command} (the aggregate, its commands and rules) knows
 * no transport and no storage; {@code axon} runs it and knows its handlers only as {@code
 * StreamingHandler}s; REST, messaging, the read model and the audit sit around them.
 */
@AnalyzeClasses(packages = "jp.grants.grant", importOptions = ImportOption.DoNotIncludeTests.class)
class GrantArchitectureTest {
  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("jp.grants.grant.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule commandKnowsNoTransportOrStorage =
      noClasses()
          .that()
          .resideInAPackage("jp.grants.grant.command..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..",
              "org.jboss.resteasy..",
              "org.apache.kafka..",
              "jakarta.persistence..",
              "org.hibernate..",
              "java.sql..",
              "javax.sql..",
              "jakarta.transaction..",
              "io.quarkus..",
              "jakarta.enterprise..",
              "jp.grants.platform.messaging..",
              "jp.grants.platform.persistence..")
          .because(
              "the grant's rules are plain Java over its events, tested with Axon's fixture alone");

  @ArchTest
  static final ArchRule commandDependsOnNoOtherPackageOfTheService =
      noClasses()
          .that()
          .resideInAPackage("jp.grants.grant.command..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jp.grants.grant.axon..",
              "jp.grants.grant.rest..",
              "jp.grants.grant.messaging..",
              "jp.grants.grant.query..",
              "jp.grants.grant.audit..",
              "jp.grants.grant.metrics..")
          .because(
              "everything else of the service is built around the aggregate, not the other way");

  @ArchTest
  static final ArchRule nothingDependsOnRest =
      noClasses()
          .that()
          .resideOutsideOfPackage("jp.grants.grant.rest..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("jp.grants.grant.rest..")
          .because("the REST layer is the outermost");

  @ArchTest
  static final ArchRule otherServicesOnlyThroughContracts =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jp.grants.ledger..", "jp.grants.review..")
          .because("services share only the contracts module");
}
