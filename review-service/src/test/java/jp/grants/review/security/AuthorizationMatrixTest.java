package jp.grants.review.security;

import static jp.grants.infra.security.Matrix.checkpointRead;
import static jp.grants.infra.security.Matrix.roles;
import static jp.grants.infra.security.Matrix.rule;
import static jp.grants.platform.security.Roles.ADMIN;
import static jp.grants.platform.security.Roles.AUDITOR;
import static jp.grants.platform.security.Roles.COMMITTEE_CHAIR;
import static jp.grants.platform.security.Roles.PROGRAM_OFFICER;
import static jp.grants.platform.security.Roles.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.infra.security.AuthorizationMatrixContract;
import jp.grants.infra.security.Matrix.Call;
import jp.grants.infra.security.Matrix.Rule;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import org.junit.jupiter.api.Test;

/**
 * The review-service's role × operation matrix, checked operation by operation against the running
 * service and its OpenAPI document (see {@link Matrix}), on reviews opened by real grant events.
 *
 * <p>Ownership: a reviewer reads and scores only the reviews assigned to them and reads and
 * declares only for their own registry record; a committee chair reads only the reviews of the
 * program whose committee they chair and decides only those; neither ever sees a review of a grant
 * they have a conflict of interest with. The administrator keeps the registry and the committees
 * but does not read reviews; the auditor reads everything and changes nothing.
 */
@QuarkusTest
class AuthorizationMatrixTest extends AuthorizationMatrixContract {
  /** Programs no other test uses: the committees set here are theirs alone. */
  private static final String PROGRAM = "SICORP-CORE-TEAM";

  private static final String OTHER_PROGRAM = "SICORP-ACCELERATION";
  private static final String COMMITTEE_PROGRAM = "JSPS-INTERNATIONAL-FELLOWSHIP";

  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();
  private static Fixture fixture;

  /** The committees of the two programs: a chair and two members each. */
  private record Fixture(
      Reviewer chair,
      Reviewer member,
      Reviewer otherMember,
      Reviewer otherChair,
      List<Reviewer> committeeToSet) {}

  static final List<Rule> RULES =
      List.of(
          rule(
              "POST /api/v1/reviewers",
              roles(ADMIN, PROGRAM_OFFICER),
              role ->
                  Call.post(
                      subject(role),
                      "/api/v1/reviewers",
                      Map.of(
                          "subject",
                          "rev-" + UUID.randomUUID(),
                          "name",
                          "New Reviewer",
                          "affiliation",
                          "Matrix University",
                          "country",
                          "NZ",
                          "fields",
                          List.of("biology")))),
          rule(
              "GET /api/v1/reviewers",
              roles(ADMIN, PROGRAM_OFFICER, COMMITTEE_CHAIR, AUDITOR),
              role -> Call.get(caller(role), "/api/v1/reviewers")),
          rule(
              "GET /api/v1/reviewers/me",
              roles(REVIEWER, COMMITTEE_CHAIR),
              role ->
                  Call.get(caller(role), "/api/v1/reviewers/me")
                      .then(r -> r.body("subject", equalTo(caller(role))))),
          rule(
                  "GET /api/v1/reviewers/{id}",
                  roles(ADMIN, PROGRAM_OFFICER, COMMITTEE_CHAIR, AUDITOR, REVIEWER),
                  role -> Call.get(caller(role), "/api/v1/reviewers/" + fixture().member().id()))
              .ownedBy(
                  Set.of(REVIEWER),
                  role ->
                      Call.get(caller(role), "/api/v1/reviewers/" + fixture().otherMember().id())),
          rule(
                  "POST /api/v1/reviewers/{id}/conflicts",
                  roles(ADMIN, PROGRAM_OFFICER, REVIEWER),
                  role -> {
                    Reviewer fresh = ReviewApi.register("Fresh Reviewer", "Otago University", "NZ");
                    return declare(role.equals(REVIEWER) ? fresh.subject() : subject(role), fresh);
                  })
              .ownedBy(
                  Set.of(REVIEWER),
                  role ->
                      declare(
                          ReviewApi.register("Someone", "Lincoln University", "NZ").subject(),
                          ReviewApi.register("Someone Else", "Massey University", "NZ"))),
          rule(
                  "GET /api/v1/reviewers/{id}/conflicts",
                  roles(ADMIN, PROGRAM_OFFICER, AUDITOR, REVIEWER),
                  role ->
                      Call.get(
                          caller(role),
                          "/api/v1/reviewers/" + fixture().member().id() + "/conflicts"))
              .ownedBy(
                  Set.of(REVIEWER),
                  role ->
                      Call.get(
                          caller(role),
                          "/api/v1/reviewers/" + fixture().otherMember().id() + "/conflicts")),
          rule(
              "PUT /api/v1/committees/{programCode}",
              roles(ADMIN),
              role ->
                  Call.put(
                      subject(role),
                      "/api/v1/committees/" + COMMITTEE_PROGRAM,
                      Map.of(
                          "members",
                          List.of(
                              seat(fixture().committeeToSet().get(0), "CHAIR"),
                              seat(fixture().committeeToSet().get(1), "MEMBER"),
                              seat(fixture().committeeToSet().get(2), "MEMBER"))))),
          rule(
              "GET /api/v1/committees/{programCode}",
              roles(ADMIN, PROGRAM_OFFICER, COMMITTEE_CHAIR, AUDITOR, REVIEWER),
              role -> Call.get(caller(role), "/api/v1/committees/" + PROGRAM)),
          rule(
                  "GET /api/v1/reviews",
                  roles(PROGRAM_OFFICER, COMMITTEE_CHAIR, AUDITOR, REVIEWER),
                  role -> {
                    Opened review = assignedTo(fixture().member());
                    return Call.get(caller(role), "/api/v1/reviews?grantId=" + review.grantId())
                        .then(r -> r.body("id", hasItem(review.id().toString())));
                  })
              .listsOnlyOwn(
                  Set.of(REVIEWER, COMMITTEE_CHAIR),
                  role -> {
                    Opened review =
                        role.equals(REVIEWER)
                            ? assignedTo(fixture().otherMember())
                            : openedIn(OTHER_PROGRAM);
                    return Call.get(caller(role), "/api/v1/reviews?grantId=" + review.grantId())
                        .then(r -> r.body("", empty()));
                  }),
          rule(
                  "GET /api/v1/reviews/{id}",
                  roles(PROGRAM_OFFICER, COMMITTEE_CHAIR, AUDITOR, REVIEWER),
                  role ->
                      Call.get(
                          caller(role), "/api/v1/reviews/" + assignedTo(fixture().member()).id()))
              .ownedBy(
                  Set.of(REVIEWER, COMMITTEE_CHAIR),
                  role ->
                      Call.get(
                          caller(role),
                          "/api/v1/reviews/"
                              + (role.equals(REVIEWER)
                                      ? assignedTo(fixture().otherMember())
                                      : openedIn(OTHER_PROGRAM))
                                  .id())),
          rule(
              "POST /api/v1/reviews/{id}/assignments",
              roles(PROGRAM_OFFICER),
              role ->
                  Call.post(
                      subject(role),
                      "/api/v1/reviews/" + openedIn(PROGRAM).id() + "/assignments",
                      Map.of("reviewerId", fixture().member().id().toString()))),
          rule(
                  "PUT /api/v1/reviews/{id}/scorecards/mine",
                  roles(REVIEWER, COMMITTEE_CHAIR),
                  role -> {
                    Reviewer self = role.equals(REVIEWER) ? fixture().member() : fixture().chair();
                    return scorecard(self.subject(), assignedTo(self));
                  })
              .ownedBy(
                  Set.of(REVIEWER, COMMITTEE_CHAIR),
                  role -> scorecard(caller(role), assignedTo(fixture().otherMember()))),
          rule(
                  "POST /api/v1/reviews/{id}/decision",
                  roles(COMMITTEE_CHAIR),
                  role -> decision(fixture().chair().subject(), scoredIn(PROGRAM)))
              .ownedBy(
                  Set.of(COMMITTEE_CHAIR),
                  role -> decision(fixture().otherChair().subject(), scoredIn(PROGRAM))),
          rule(
              "GET /api/v1/audit/grants/{grantId}/decisions",
              roles(AUDITOR),
              role ->
                  Call.get(subject(role), "/api/v1/audit/grants/" + decidedGrant() + "/decisions")),
          rule(
              "GET /api/v1/audit/grants/{grantId}/decisions/verify",
              roles(AUDITOR),
              role ->
                  Call.get(
                          subject(role),
                          "/api/v1/audit/grants/" + decidedGrant() + "/decisions/verify")
                      .then(r -> r.body("valid", equalTo(true)))),
          rule(
              "GET /api/v1/audit/grants/{grantId}/decisions/export",
              roles(AUDITOR),
              role ->
                  Call.get(
                          subject(role),
                          "/api/v1/audit/grants/" + decidedGrant() + "/decisions/export")
                      .then(r -> r.body(containsString("{\"exportProof\":")))),
          rule(
              "POST /api/v1/audit/checkpoints",
              roles(AUDITOR),
              role -> Call.post(subject(role), "/api/v1/audit/checkpoints", null)),
          checkpointRead(
              "GET /api/v1/audit/checkpoints",
              AuthorizationMatrixTest::subject,
              index -> "/api/v1/audit/checkpoints"),
          checkpointRead(
              "GET /api/v1/audit/checkpoints/latest",
              AuthorizationMatrixTest::subject,
              index -> "/api/v1/audit/checkpoints/latest"),
          checkpointRead(
              "GET /api/v1/audit/checkpoints/{index}",
              AuthorizationMatrixTest::subject,
              index -> "/api/v1/audit/checkpoints/" + index),
          checkpointRead(
              "GET /api/v1/audit/checkpoints/key",
              AuthorizationMatrixTest::subject,
              index -> "/api/v1/audit/checkpoints/key"),
          checkpointRead(
              "GET /api/v1/audit/checkpoints/consistency",
              AuthorizationMatrixTest::subject,
              index -> "/api/v1/audit/checkpoints/consistency?from=0&to=" + index));

  @Override
  protected List<Rule> rules() {
    return RULES;
  }

  @Test
  void shouldLetNoRoleDoWhatItDoesNotNeed() {
    for (Rule rule : RULES) {
      assertThat(rule.roles())
          .as("applicants and finance have no business with reviews: " + rule.operation())
          .doesNotContain(Roles.APPLICANT, Roles.FINANCE);
      if (rule.operation().contains("/api/v1/reviews")) {
        assertThat(rule.roles())
            .as("the administrator keeps registry and committees, not reviews: " + rule.operation())
            .doesNotContain(ADMIN);
      }
    }
  }

  @Test
  void shouldHideADecidedReviewFromAReviewerAndAChairOnceTheyDeclareAConflictWithItsGrant() {
    Reviewer reviewer = fixture().otherMember();
    Opened review = scoredIn(PROGRAM, reviewer);
    decision(fixture().chair().subject(), review).as(COMMITTEE_CHAIR).statusCode(200);
    Call read = Call.get(reviewer.subject(), "/api/v1/reviews/" + review.id());
    read.as(REVIEWER).statusCode(200);
    read.as(COMMITTEE_CHAIR).statusCode(404); // the member is no chair of any committee

    declareGrantConflict(reviewer, review.grantId());
    read.as(REVIEWER).statusCode(404);
    Call.get(reviewer.subject(), "/api/v1/reviews?grantId=" + review.grantId())
        .as(REVIEWER)
        .statusCode(200)
        .body("", empty());

    Call chairRead = Call.get(fixture().chair().subject(), "/api/v1/reviews/" + review.id());
    chairRead.as(COMMITTEE_CHAIR).statusCode(200);
    declareGrantConflict(fixture().chair(), review.grantId());
    chairRead.as(COMMITTEE_CHAIR).statusCode(404);
    Call.get(fixture().chair().subject(), "/api/v1/reviews?grantId=" + review.grantId())
        .as(COMMITTEE_CHAIR)
        .statusCode(200)
        .body("id", not(hasItem(review.id().toString())));
    // The officer and the auditor still see it whole, with the decision that stands.
    Call.get("po-1", "/api/v1/reviews/" + review.id())
        .as(PROGRAM_OFFICER)
        .statusCode(200)
        .body("status", equalTo("DECIDED"));
  }

  // ---------------------------------------------------------------- fixtures

  private static String subject(String role) {
    return "matrix-" + role;
  }

  /**
   * Who calls in a role: the committee's member as reviewer, its chair as chair, a plain login
   * otherwise.
   */
  private static String caller(String role) {
    return switch (role) {
      case REVIEWER -> fixture().member().subject();
      case COMMITTEE_CHAIR -> fixture().chair().subject();
      default -> subject(role);
    };
  }

  private static synchronized Fixture fixture() {
    if (fixture == null) {
      Reviewer chair = ReviewApi.register("Carla Chair", "Universidad de Chile", "CL");
      Reviewer member = ReviewApi.register("Mateo Member", "Universidad de los Andes", "CO");
      Reviewer otherMember =
          ReviewApi.register("Olivia Other", "Universidad de la República", "UY");
      ReviewApi.setCommittee(PROGRAM, chair, "CHAIR", member, "MEMBER", otherMember, "MEMBER")
          .statusCode(200);
      Reviewer otherChair = ReviewApi.register("Omar Otherchair", "Cairo University", "EG");
      ReviewApi.setCommittee(
              OTHER_PROGRAM,
              otherChair,
              "CHAIR",
              ReviewApi.register("Amina A", "University of Ghana", "GH"),
              "MEMBER",
              ReviewApi.register("Bola B", "University of Lagos", "NG"),
              "MEMBER")
          .statusCode(200);
      List<Reviewer> toSet =
          List.of(
              ReviewApi.register("Ines I", "Universidade de Lisboa", "PT"),
              ReviewApi.register("Joao J", "Universidade do Porto", "PT"),
              ReviewApi.register("Lia L", "Universidade de Coimbra", "PT"));
      fixture = new Fixture(chair, member, otherMember, otherChair, toSet);
    }
    return fixture;
  }

  private static UUID decidedGrant;

  /** A grant whose review the committee decided: its decision chain has a record. */
  private static synchronized UUID decidedGrant() {
    if (decidedGrant == null) {
      Opened review = scoredIn(PROGRAM);
      decision(fixture().chair().subject(), review).as(COMMITTEE_CHAIR).statusCode(200);
      decidedGrant = review.grantId();
    }
    return decidedGrant;
  }

  /** A review opened by real grant events. */
  private record Opened(UUID id, UUID grantId) {}

  private static Opened openedIn(String program) {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId,
            program,
            "Pia Principal",
            "Kobe University",
            List.of("Kobe University"),
            2028,
            2));
    grantEvents.publish(new ProposalScreened(grantId, program, "eligible"));
    return new Opened(ReviewApi.awaitReview(grantId, "SELECTION"), grantId);
  }

  private static Opened assignedTo(Reviewer reviewer) {
    fixture();
    Opened review = openedIn(PROGRAM);
    ReviewApi.assign(review.id(), reviewer).statusCode(201);
    return review;
  }

  /** A review of the program with one assigned member who scored: the quorum is met. */
  private static Opened scoredIn(String program) {
    return scoredIn(program, fixture().member());
  }

  private static Opened scoredIn(String program, Reviewer reviewer) {
    Opened review = assignedTo(reviewer);
    ReviewApi.score(review.id(), reviewer, program, 4, Map.of()).statusCode(200);
    return review;
  }

  private static Call scorecard(String subject, Opened review) {
    return Call.put(
        subject,
        "/api/v1/reviews/" + review.id() + "/scorecards/mine",
        Map.of("scores", ReviewApi.scores(PROGRAM, 3, Map.of())));
  }

  private static Call decision(String chairSubject, Opened review) {
    return Call.post(
        chairSubject,
        "/api/v1/reviews/" + review.id() + "/decision",
        Map.of("recommendation", "AWARD", "rationale", "strong on every axis"));
  }

  private static Call declare(String subject, Reviewer reviewer) {
    return Call.post(
        subject,
        "/api/v1/reviewers/" + reviewer.id() + "/conflicts",
        Map.of("kind", "INSTITUTION", "value", "Nowhere Institute", "reason", "former employer"));
  }

  private static void declareGrantConflict(Reviewer reviewer, UUID grantId) {
    Call.post(
            reviewer.subject(),
            "/api/v1/reviewers/" + reviewer.id() + "/conflicts",
            Map.of("kind", "GRANT", "value", grantId.toString(), "reason", "co-author of the PI"))
        .as(REVIEWER)
        .statusCode(201);
  }

  private static Map<String, String> seat(Reviewer reviewer, String role) {
    return Map.of("reviewerId", reviewer.id().toString(), "role", role);
  }
}
