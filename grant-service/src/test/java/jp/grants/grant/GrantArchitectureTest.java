package jp.grants.grant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jp.grants.infra.architecture.ServiceArchitecture;

/**
 * Packages by role, without cycles: {@code command} (the aggregate, its commands and rules) knows
 * no transport and no storage; {@code axon} runs it and knows its handlers only as {@code
 * StreamingHandler}s; REST, messaging, the read model and the audit sit around them.
 */
@AnalyzeClasses(packages = "jp.grants.grant", importOptions = ImportOption.DoNotIncludeTests.class)
class GrantArchitectureTest {
  private static final String ROOT = "jp.grants.grant";

  @ArchTest static final ArchRule noPackageCycles = ServiceArchitecture.noPackageCycles(ROOT);

  /** The grant's rules are plain Java over its events, tested with Axon's fixture alone. */
  @ArchTest
  static final ArchRule commandKnowsNoTransportOrStorage =
      ServiceArchitecture.domainIsPure("jp.grants.grant.command..");

  @ArchTest
  static final ArchRule nothingDependsOnRest = ServiceArchitecture.nothingDependsOnRest(ROOT);

  @ArchTest
  static final ArchRule otherServicesOnlyThroughContracts =
      ServiceArchitecture.otherServicesOnlyThroughContracts(ROOT);

  /**
   * (The checkpoint publisher, whose table is its own outbox, is platform's:
   * jp.grants.platform.audit.)
   */
  @ArchTest
  static final ArchRule onlyMessagingTalksToKafka =
      ServiceArchitecture.onlyMessagingTalksToKafka(ROOT);

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
}
