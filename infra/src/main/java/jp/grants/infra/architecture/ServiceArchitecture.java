package jp.grants.infra.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rules every service's architecture test checks alike, on its compiled classes (ArchUnit);
 * each service names its own root package and its domain packages, and adds rules of its own.
 */
public final class ServiceArchitecture {
  /** The three services' root packages: a service knows the others only through the contracts. */
  public static final List<String> SERVICES =
      List.of("jp.grants.grant", "jp.grants.ledger", "jp.grants.review");

  /** What rules and figures must not know: storage, transport, the container. */
  public static final List<String> INFRASTRUCTURE =
      List.of(
          "jakarta.ws.rs..",
          "org.jboss.resteasy..",
          "org.apache.kafka..",
          "jakarta.persistence..",
          "org.hibernate..",
          "java.sql..",
          "javax.sql..",
          "jakarta.transaction..",
          "jakarta.enterprise..",
          "io.quarkus..",
          "jp.grants.platform.messaging..",
          "jp.grants.platform.persistence..");

  private ServiceArchitecture() {}

  /** The service's top-level packages (features or roles) depend on each other without cycles. */
  public static ArchRule noPackageCycles(String root) {
    return noPackageCyclesBut(root, List.of());
  }

  /**
   * No package cycles but those named: each pair of top-level packages (features) that still call
   * each other both ways may keep doing so, and any other cycle fails. For services packaged by
   * feature whose features are not yet cut apart (ledger, review): the pairs are the debt, in code,
   * and shrink as cycles are cut.
   */
  public static ArchRule noPackageCyclesBut(String root, List<List<String>> knownCycles) {
    SliceRule rule =
        slices()
            .matching(root + ".(*)..")
            .should()
            .beFreeOfCycles()
            .because("a package can be read, tested and changed without the ones that use it");
    for (List<String> pair : knownCycles) {
      String a = root + "." + pair.get(0) + "..";
      String b = root + "." + pair.get(1) + "..";
      rule =
          rule.ignoreDependency(resideInAPackage(a), resideInAPackage(b))
              .ignoreDependency(resideInAPackage(b), resideInAPackage(a));
    }
    return rule;
  }

  /** The domain packages are plain Java: no storage, transport or container. */
  public static ArchRule domainIsPure(String... domainPackages) {
    return noClasses()
        .that()
        .resideInAnyPackage(domainPackages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(INFRASTRUCTURE.toArray(String[]::new))
        .because("rules and figures are plain Java, tested without a database or a broker");
  }

  /** No package of the service depends on its REST layer. */
  public static ArchRule nothingDependsOnRest(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(root + "..rest..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + "..rest..")
        .because("the REST layer is the outermost: commands and queries serve every channel");
  }

  /** The service depends on no other service's code. */
  public static ArchRule otherServicesOnlyThroughContracts(String root) {
    String[] others =
        SERVICES.stream().filter(s -> !s.equals(root)).map(s -> s + "..").toArray(String[]::new);
    return noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .because("services share only the contracts module");
  }

  /**
   * Only the service's messaging packages (and those named) talk to Kafka; the others publish
   * through them (the outbox or the event store).
   */
  public static ArchRule onlyMessagingTalksToKafka(String root, String... alsoAllowed) {
    String[] allowed =
        Stream.concat(Stream.of("..messaging.."), Arrays.stream(alsoAllowed))
            .toArray(String[]::new);
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackages(allowed)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka..")
        .because("Kafka is one adapter of the service, behind its messaging package");
  }
}
