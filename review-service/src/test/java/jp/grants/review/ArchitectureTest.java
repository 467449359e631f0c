package jp.grants.review;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import jp.grants.infra.architecture.ServiceArchitecture;

/**
 * Package by feature, then by role (the house style), checked on the compiled classes with the
 * rules every service shares and the review's own.
 */
@AnalyzeClasses(packages = "jp.grants.review", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ROOT = "jp.grants.review";

  /** The five features that still call each other both ways (the debt: cut them apart). */
  private static final List<String> ENTANGLED =
      List.of("committee", "reviewer", "conflict", "grant", "review");

  /** No package cycles but those among the entangled features. */
  @ArchTest
  static final ArchRule noPackageCyclesButAmongTheEntangledFeatures =
      ServiceArchitecture.noPackageCyclesBut(ROOT, pairs(ENTANGLED));

  private static List<List<String>> pairs(List<String> features) {
    List<List<String>> pairs = new java.util.ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      for (int j = i + 1; j < features.size(); j++) {
        pairs.add(List.of(features.get(i), features.get(j)));
      }
    }
    return pairs;
  }

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
              // the service's rules: one enum of wire names and kinds, plain Java
              "jp.grants.review.rule..",
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
