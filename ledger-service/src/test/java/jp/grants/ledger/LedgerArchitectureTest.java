package jp.grants.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import jp.grants.infra.architecture.ServiceArchitecture;

/** Package by feature, then by role: the domain stays free of storage, messaging and HTTP. */
@AnalyzeClasses(packages = "jp.grants.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class LedgerArchitectureTest {
  private static final String ROOT = "jp.grants.ledger";

  /**
   * No package cycles but two, the engine's: it reads the grant's status and categories and is fed
   * by the grant-events listener (disbursement ↔ grant), and it applies the money movements and
   * publishes their views (disbursement ↔ money).
   */
  @ArchTest
  static final ArchRule noPackageCyclesButTheEngines =
      ServiceArchitecture.noPackageCyclesBut(
          ROOT, List.of(List.of("disbursement", "grant"), List.of("disbursement", "money")));

  @ArchTest
  static final ArchRule domainIsPure =
      ServiceArchitecture.domainIsPure("..ledger..domain..", "jp.grants.ledger.journal");

  @ArchTest
  static final ArchRule nothingDependsOnRest = ServiceArchitecture.nothingDependsOnRest(ROOT);

  @ArchTest
  static final ArchRule otherServicesOnlyThroughContracts =
      ServiceArchitecture.otherServicesOnlyThroughContracts(ROOT);

  @ArchTest
  static final ArchRule onlyMessagingTalksToKafka =
      ServiceArchitecture.onlyMessagingTalksToKafka(ROOT);

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
