package jp.grants.grant.rest;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.Api;
import org.junit.jupiter.api.Test;

/**
 * The seeds' thresholds over the API: a 422 naming the requirement at award, a flag at each
 * follow-up.
 */
@QuarkusTest
class ThresholdsOverRestTest {
  private static final List<String> HOST = List.of("Nagoya University");

  private static UUID screened(Map<String, Object> proposal) {
    UUID grant = Api.submit(proposal);
    post(officer(), grant, "screening", Map.of("eligible", true, "note", "complete"))
        .statusCode(200);
    return grant;
  }

  private static Map<String, Object> wpiProposal(Map<String, Object> plannedFigures) {
    Map<String, Object> proposal = new HashMap<>(Api.proposal("WPI", 2026, 10, 700_000_000L, HOST));
    if (plannedFigures == null) {
      proposal.remove("plannedFigures");
    } else {
      proposal.put("plannedFigures", plannedFigures);
    }
    return proposal;
  }

  @Test
  void shouldShowThePlannedFiguresWithTheProposalsEvents() {
    UUID grant = Api.submit(Api.proposal("WPI", 2026, 10, 700_000_000L, HOST));
    Api.auditor()
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .statusCode(200)
        .body("events[0].data.plannedFigures.principalInvestigators", equalTo(10))
        .body("events[0].data.plannedFigures.researchersFromAbroad", equalTo(20));
  }

  // WPI awards come only from the committee's review (catalog deciders): review-service refuses an
  // AWARD below the requirements before the review is decided (ThresholdsAtReviewTest there); a
  // decided one that still reaches the grant is refused by the same check and recorded as such.

  @Test
  void shouldRefuseTheCommitteesAwardOfAWpiCenterPlannedBelowTheCallsRequirements() {
    UUID grant =
        screened(
            wpiProposal(
                Map.of(
                    "principalInvestigators",
                    7,
                    "totalStaff",
                    70,
                    "researchers",
                    70,
                    "researchersFromAbroad",
                    20)));
    assertThat(
            Api.refusedCommitteeDecision(
                grant, ReviewKind.SELECTION, Recommendation.AWARD, List.of(), null))
        .isEqualTo("REQUIREMENT-FOREIGN-RESEARCHERS");
    Api.auditor()
        .queryParam("type", "CommitteeDecisionRefused")
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .statusCode(200)
        .body("events[0].data.reason", containsString("21 of 70; 20 given"));
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .body("status", equalTo("SCREENED"));
  }

  @Test
  void shouldRefuseTheCommitteesAwardOfAWpiProposalThatStatesNoPlannedFigures() {
    UUID grant = screened(wpiProposal(null));
    assertThat(
            Api.refusedCommitteeDecision(
                grant, ReviewKind.SELECTION, Recommendation.AWARD, List.of(), null))
        .isEqualTo("REQUIREMENT-PLANNED-FIGURES");
  }

  @Test
  void shouldAwardAWpiCenterPlannedExactlyAtTheRequirements() {
    UUID grant =
        screened(
            wpiProposal(
                Map.of(
                    "principalInvestigators",
                    7,
                    "totalStaff",
                    70,
                    "researchers",
                    70,
                    "researchersFromAbroad",
                    21)));
    Api.decideByCommittee(grant, ReviewKind.SELECTION, Recommendation.AWARD, List.of(), null);
    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"));
  }

  @Test
  void shouldRefusePlannedFiguresThatCannotBeTrue() {
    Api.applicant()
        .body(
            wpiProposal(
                Map.of(
                    "principalInvestigators",
                    7,
                    "totalStaff",
                    70,
                    "researchers",
                    70,
                    "researchersFromAbroad",
                    71)))
        .post("/api/v1/grants")
        .then()
        .statusCode(422)
        .body("rule", equalTo("PLANNED-FIGURES"));
    Api.applicant()
        .body(
            wpiProposal(
                Map.of(
                    "principalInvestigators",
                    -1,
                    "totalStaff",
                    70,
                    "researchers",
                    70,
                    "researchersFromAbroad",
                    21)))
        .post("/api/v1/grants")
        .then()
        .statusCode(400);
  }

  @Test
  void shouldFlagAFollowUpBelowTheRequirementsAndShowItInTheGrantAndItsEvaluation() {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, HOST);
    post(
            officer(),
            grant,
            "follow-ups",
            Map.of(
                "fiscalYear",
                2026,
                "principalInvestigators",
                8,
                "totalStaff",
                80,
                "researchers",
                60,
                "researchersFromAbroad",
                20))
        .statusCode(200);
    post(
            officer(),
            grant,
            "follow-ups",
            Map.of(
                "fiscalYear",
                2027,
                "principalInvestigators",
                6,
                "totalStaff",
                80,
                "researchers",
                60,
                "researchersFromAbroad",
                20,
                "narrative",
                "two PIs left"))
        .statusCode(200);
    post(officer(), grant, "evaluations/interim", Map.of("fiscalYear", 2030)).statusCode(200);

    officer()
        .get("/api/v1/grants/" + grant)
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"))
        .body("followUps.'2026'.shortfalls", hasSize(0))
        .body("followUps.'2027'.shortfalls", hasSize(1))
        .body("followUps.'2027'.shortfalls[0].rule", equalTo("REQUIREMENT-PRINCIPAL-INVESTIGATORS"))
        .body("followUps.'2027'.shortfalls[0].required", equalTo(7))
        .body("followUps.'2027'.shortfalls[0].given", equalTo(6))
        .body("evaluations.INTERIM.followUpsBelowRequirements", hasKey("2027"))
        .body("evaluations.INTERIM.followUpsBelowRequirements", not(hasKey("2026")))
        .body(
            "evaluations.INTERIM.followUpsBelowRequirements.'2027'[0].rule",
            equalTo("REQUIREMENT-PRINCIPAL-INVESTIGATORS"));
  }
}
