package jp.grants.review.review;

import static jp.grants.review.support.ReviewApi.assign;
import static jp.grants.review.support.ReviewApi.awaitReview;
import static jp.grants.review.support.ReviewApi.decide;
import static jp.grants.review.support.ReviewApi.register;
import static jp.grants.review.support.ReviewApi.score;
import static jp.grants.review.support.ReviewApi.setCommittee;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import jp.grants.catalog.CatalogRegistry;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.FiscalYears;
import jp.grants.contracts.grant.GrantEvent;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.review.support.Envelopes;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi.Reviewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A committee's decision is checked against the catalog version the grant is pinned to, which
 * review-service learns from the {@code catalogversion} of the grant's events. The test-only
 * version 2099.1.1 (WPI at most 600,000,000 yen a year, not 700,000,000) is added through {@code
 * grants.catalog.extra-versions}; the current version stays the shipped one.
 */
@QuarkusTest
class PinnedCatalogDecisionTest {
  private static final String LOWER = "2099.1.1";
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();

  @BeforeAll
  static void connect() {
    System.setProperty(CatalogRegistry.EXTRA_PROPERTY, "classpath:jp/grants/catalog/test-versions");
  }

  @AfterAll
  static void disconnect() {
    System.clearProperty(CatalogRegistry.EXTRA_PROPERTY);
  }

  @Test
  void aDecisionIsCheckedAgainstTheGrantsPinnedVersion() {
    int startYear = FiscalYears.of(Instant.now()) + 1;
    UUID pinnedLower = UUID.randomUUID();
    publish(
        GrantEventsTopic.proposal(
            pinnedLower,
            "WPI",
            "Mei Tanaka",
            "Hokkaido University",
            List.of("Hokkaido University"),
            startYear,
            10),
        LOWER);
    publish(new ProposalScreened(pinnedLower, "WPI", "eligible"), LOWER);
    UUID onLower = awaitReview(pinnedLower, "SELECTION");
    UUID pinnedCurrent = UUID.randomUUID();
    publish(
        GrantEventsTopic.proposal(
            pinnedCurrent,
            "WPI",
            "Sora Ueda",
            "Kyushu University",
            List.of("Kyushu University"),
            startYear,
            10),
        null);
    publish(new ProposalScreened(pinnedCurrent, "WPI", "eligible"), null);
    UUID onCurrent = awaitReview(pinnedCurrent, "SELECTION");

    Reviewer chair = register("Ada Yonath", "Weizmann Institute", "IL");
    List<Reviewer> voting =
        List.of(
            register("Serge Haroche", "College de France", "FR"),
            register("Kip Thorne", "Caltech", "US"),
            register("Ryoji Noyori", "RIKEN", "JP"),
            register("Yoshinori Ohsumi", "Tokyo Tech", "JP"));
    setCommittee(
            "WPI",
            chair,
            "CHAIR",
            voting.get(0),
            "MEMBER",
            voting.get(1),
            "MEMBER",
            voting.get(2),
            "MEMBER",
            voting.get(3),
            "MEMBER")
        .statusCode(200)
        .body("composition.compliant", equalTo(true));
    for (UUID review : List.of(onLower, onCurrent)) {
      voting.forEach(reviewer -> assign(review, reviewer).statusCode(201));
      voting
          .subList(0, 3)
          .forEach(reviewer -> score(review, reviewer, "WPI", 5, Map.of()).statusCode(200));
    }

    Map<String, Object> atSevenHundredMillion = award(startYear, 700_000_000L);
    decide(onLower, chair, atSevenHundredMillion)
        .statusCode(422)
        .body("rule", equalTo("ANNUAL-CAP"))
        .body("detail", containsString("600,000,000 yen"));
    decide(onLower, chair, award(startYear, 600_000_000L))
        .statusCode(200)
        .body("status", equalTo("DECIDED"));
    decide(onCurrent, chair, atSevenHundredMillion)
        .statusCode(200)
        .body("status", equalTo("DECIDED"));
  }

  private static Map<String, Object> award(int startYear, long perYear) {
    return Map.of(
        "recommendation",
        "AWARD",
        "rationale",
        "excellent",
        "allocations",
        IntStream.range(0, 10)
            .mapToObj(
                i -> Map.<String, Object>of("fiscalYear", startYear + i, "amountYen", perYear))
            .toList());
  }

  /**
   * As grant-service publishes it: the envelope names the catalog version the event was checked
   * against.
   */
  private static void publish(GrantEvent event, String catalogVersion) {
    EventEnvelope e =
        Envelopes.wrap(
            "/grant-service", event, "corr-" + UUID.randomUUID(), "officer-1", "program-officer");
    grantEvents.send(
        new EventEnvelope(
            e.specversion(),
            e.id(),
            e.source(),
            e.type(),
            e.subject(),
            e.time(),
            e.datacontenttype(),
            e.dataschema(),
            e.schemaversion(),
            e.sequence(),
            e.correlationid(),
            e.causationid(),
            e.actor(),
            e.actorrole(),
            catalogVersion,
            e.data()));
  }
}
