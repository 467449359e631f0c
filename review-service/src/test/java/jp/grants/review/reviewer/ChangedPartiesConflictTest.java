package jp.grants.review.reviewer;

import static jp.grants.review.support.ReviewApi.as;
import static jp.grants.review.support.ReviewApi.assign;
import static jp.grants.review.support.ReviewApi.awaitReview;
import static jp.grants.review.support.ReviewApi.register;
import static jp.grants.review.support.ReviewApi.score;
import static jp.grants.review.support.ReviewApi.setCommittee;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.grant.HostInstitutionsChanged;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.grant.PrincipalInvestigatorChanged;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import org.junit.jupiter.api.Test;

/**
 * A change of principal investigator or of hosts during a grant (issue 19) moves the grant's
 * parties here too: conflicts of interest are checked against the new ones, at assignment, at
 * scoring and at the chair's decision.
 */
@QuarkusTest
class ChangedPartiesConflictTest {
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();

  @Test
  void shouldCheckConflictsAgainstTheNewPrincipalInvestigatorAndHosts() {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId,
            "ASPIRE",
            "Aoi Mori",
            "Shinshu University",
            List.of("Shinshu University"),
            2027,
            5));
    grantEvents.publish(new ProposalScreened(grantId, "ASPIRE", "eligible"));
    UUID reviewId = awaitReview(grantId, "SELECTION");
    Reviewer chair = register("Pat Chair", "Sorbonne", "FR");
    Reviewer fromKobe = register("Ken Ueda", "Kobe University", "JP");
    Reviewer fromKanazawa = register("Rie Sato", "Kanazawa University", "JP");
    setCommittee("ASPIRE", chair, "CHAIR", fromKobe, "MEMBER", fromKanazawa, "MEMBER")
        .statusCode(200);
    assign(reviewId, fromKobe).statusCode(201);

    // the new PI is at Kobe University: the reviewer from there may no longer score the grant
    grantEvents.publish(
        new PrincipalInvestigatorChanged(
            grantId,
            new Investigator("Aoi Mori", "Shinshu University", "JP"),
            new Investigator("Daichi Kato", "Kobe University", "JP"),
            LocalDate.of(2027, 10, 1),
            "the PI moved to a chair abroad"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> score(reviewId, fromKobe, "ASPIRE", 4, Map.of()).statusCode(404));
    assign(reviewId, fromKobe)
        .statusCode(409)
        .body("rule", equalTo("REVIEWER-CONFLICT"))
        .body("detail", containsString("Kobe University"));

    // the grant moves to Kanazawa University: its reviewer is conflicted from then on
    assign(reviewId, fromKanazawa).statusCode(201);
    grantEvents.publish(
        new HostInstitutionsChanged(
            grantId,
            List.of("Shinshu University"),
            List.of("Kanazawa University"),
            LocalDate.of(2027, 10, 1),
            "the center moves"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> score(reviewId, fromKanazawa, "ASPIRE", 4, Map.of()).statusCode(404));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .statusCode(200)
        .body("scorecards.size()", equalTo(0));
  }
}
