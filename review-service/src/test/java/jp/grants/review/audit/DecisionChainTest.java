package jp.grants.review.audit;

import static jp.grants.review.support.ReviewApi.as;
import static jp.grants.review.support.ReviewApi.awaitReview;
import static jp.grants.review.support.ReviewApi.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.audit.ChainHash;
import jp.grants.contracts.grant.CommitteeDecisionRefused;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.grant.PrincipalInvestigatorChanged;
import jp.grants.contracts.grant.StageGateScheduled;
import jp.grants.contracts.review.CommitteeDecisionRecorded;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.platform.security.Roles;
import jp.grants.review.review.messaging.ReviewEventPublisher;
import jp.grants.review.support.Committees;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import org.junit.jupiter.api.Test;

/**
 * The committee's decisions on a grant are a hash chain (issue 18): each decision is recorded with
 * the committee's composition, its members' countries and conflicts and the scorecards at that
 * instant, each refusal of a decided round after it, hashed by the database as contracts' ChainHash
 * computes; the auditor's verify finds an altered record, a re-hashed one (at the next link) and a
 * removed newest one. A scorer who became conflicted after scoring keeps the decision from being
 * taken until the conflict is declared.
 */
@QuarkusTest
class DecisionChainTest {
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();
  private static final String RECORDED = CommitteeDecisionRecorded.class.getName();

  @Test
  void shouldChainEachDecisionAndRefusalWithTheCommitteeAndScorecardsItRestedOn() throws Exception {
    UUID grantId = grantEvents.awardedCoreGrant("Emi Noda", "Ehime University");
    UUID reviewId = stageGateReview(grantId);
    List<Reviewer> committee = Committees.compliantCoreCommittee();
    Reviewer chair = committee.get(0);
    Reviewer us = committee.get(1);
    declare(us, "INSTITUTION", "Harvard University"); // a conflict with another grant
    Committees.scoreByAllMembers(reviewId, committee, "WPI-CORE", 3);

    decide(reviewId, chair, Map.of("recommendation", "FAIL", "rationale", "first decision"))
        .statusCode(200);

    JsonPath first = decisions(grantId);
    assertThat(first.getInt("total")).isEqualTo(1);
    assertThat(first.getLong("records[0].sequence")).isZero();
    assertThat(first.getString("records[0].eventId"))
        .isEqualTo(ReviewEventPublisher.eventId(ReviewCompleted.class, reviewId, 0));
    assertThat(first.getString("records[0].payloadType")).isEqualTo(RECORDED);
    assertThat(first.getString("records[0].actor")).isEqualTo(chair.subject());
    assertThat(first.getString("records[0].hash")).isEqualTo(recomputedHash(grantId, 0));
    assertThat(first.getList("records[0].data.committee.members.country"))
        .containsExactlyInAnyOrder("JP", "US", "GB", "JP");
    assertThat(first.getString("records[0].data.decision.chair")).isEqualTo(chair.id().toString());
    assertThat(
            first.getList(
                "records[0].data.committee.members.find { it.reviewerId == '"
                    + us.id()
                    + "' }.declaredConflicts.value"))
        .containsExactly("Harvard University");
    assertThat(first.getList("records[0].data.committee.members.conflictsWithGrant.flatten()"))
        .isEmpty();
    assertThat(first.getInt("records[0].data.composition.votingMembersFromOutsideJapan"))
        .isEqualTo(2);
    assertThat(first.getInt("records[0].data.rule.minForeignMemberPercent")).isEqualTo(50);
    assertThat(first.getString("records[0].data.parties.principalInvestigator"))
        .isEqualTo("Emi Noda");
    assertThat(first.getList("records[0].data.assigned")).hasSize(3);
    assertThat(first.getList("records[0].data.scorecards.role")).containsOnly("MEMBER");
    assertThat(first.getList("records[0].data.scorecards[0].scores")).isNotEmpty();

    refuseAndAwaitReopened(grantId, reviewId);
    decide(reviewId, chair, Map.of("recommendation", "FAIL", "rationale", "second decision"))
        .statusCode(200);

    JsonPath chain = decisions(grantId);
    assertThat(chain.getList("records.sequence", Long.class)).containsExactly(0L, 1L, 2L);
    assertThat(chain.getList("records.type"))
        .containsExactly(
            "CommitteeDecisionRecorded",
            "CommitteeDecisionRefusedRecorded",
            "CommitteeDecisionRecorded");
    assertThat(chain.getString("records[1].data.decisionEventId"))
        .isEqualTo(first.getString("records[0].eventId"));
    assertThat(chain.getString("records[1].data.rule")).isEqualTo("STAGE-GATE-SCHEDULED");
    assertThat(chain.getString("records[1].data.outcome")).isEqualTo("REOPENED");
    assertThat(chain.getInt("records[2].data.review.round")).isEqualTo(1);
    assertThat(chain.getString("records[2].previousHash"))
        .isEqualTo(chain.getString("records[1].hash"));
    verify(grantId)
        .body("valid", equalTo(true))
        .body("recordsChecked", equalTo(3))
        .body("chainHead", equalTo(chain.getString("records[2].hash")));

    assertThatThrownBy(() -> execute("UPDATE review_audit_record SET time_stamp = 'x'"))
        .hasMessageContaining("append-only");
    tamperAndVerify(grantId);
  }

  @Test
  void shouldRefuseADecisionOnAScorecardWhoseReviewerBecameConflictedAfterScoring() {
    UUID grantId = grantEvents.awardedCoreGrant("Kenji Ota", "Gunma University");
    UUID reviewId = stageGateReview(grantId);
    List<Reviewer> committee = Committees.compliantCoreCommittee();
    Reviewer chair = committee.get(0);
    Reviewer gb = committee.get(2);
    Committees.scoreByAllMembers(reviewId, committee, "WPI-CORE", 4);

    // the new PI works where a member who has scored works: that scorecard cannot count any more
    grantEvents.publish(
        new PrincipalInvestigatorChanged(
            grantId,
            new Investigator("Kenji Ota", "Gunma University", "JP"),
            new Investigator("Ruth Bell", "University of Cambridge", "GB"),
            LocalDate.of(2029, 4, 1),
            "the PI moved"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as(ReviewApi.AUDITOR, Roles.AUDITOR)
                    .get("/api/v1/reviews/" + reviewId)
                    .then()
                    .body("grant.principalInvestigator", equalTo("Ruth Bell")));
    Map<String, String> fail = Map.of("recommendation", "FAIL", "rationale", "not ready");
    decide(reviewId, chair, fail)
        .statusCode(409)
        .body("rule", equalTo("REVIEWER-CONFLICT"))
        .body("detail", containsString("Jane Smith"))
        .body("detail", containsString("University of Cambridge"));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/audit/grants/" + grantId + "/decisions")
        .then()
        .statusCode(404);

    // declared, the conflict takes the reviewer off the review with their scorecard
    declare(gb, "INSTITUTION", "University of Cambridge")
        .body("removedAssignments.reviewId", equalTo(List.of(reviewId.toString())))
        .body("removedAssignments[0].scorecardRemoved", equalTo(true));
    decide(reviewId, chair, fail).statusCode(200);
    JsonPath chain = decisions(grantId);
    assertThat(chain.getList("records[0].data.scorecards.reviewerId"))
        .hasSize(2)
        .doesNotContain(gb.id().toString());
    assertThat(chain.getString("records[0].data.parties.piInstitution"))
        .isEqualTo("University of Cambridge");
    assertThat(
            chain.getList(
                "records[0].data.committee.members.find { it.reviewerId == '"
                    + gb.id()
                    + "' }.conflictsWithGrant.source"))
        .contains("DECLARED", "DETECTED");
  }

  @Test
  void shouldTakeAMemberWhoLeavesTheCommitteeOffItsOpenReviewsSoTheDecisionIsNotStranded() {
    UUID grantId = grantEvents.awardedCoreGrant("Aya Mori", "Shinshu University");
    UUID reviewId = stageGateReview(grantId);
    List<Reviewer> committee = Committees.compliantCoreCommittee();
    Reviewer chair = committee.get(0);
    Reviewer us = committee.get(1);
    Reviewer gb = committee.get(2);
    Reviewer leaving = committee.get(3);
    Committees.scoreByAllMembers(reviewId, committee, "WPI-CORE", 3);

    // the member from Japan who scored leaves; another from Japan takes the seat
    Reviewer joining = ReviewApi.register("Hiroko Sato", "Kyushu University", "JP");
    ReviewApi.setCommittee(
            "WPI-CORE", chair, "CHAIR", us, "MEMBER", gb, "MEMBER", joining, "MEMBER")
        .statusCode(200)
        .body("composition.compliant", equalTo(true));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/reviews/" + reviewId)
        .then()
        .statusCode(200)
        .body("assignments.reviewerId", not(hasItem(leaving.id().toString())))
        .body("assignments", hasSize(2))
        .body("scorecards", hasSize(2))
        .body("quorum.assigned", equalTo(2));

    decide(reviewId, chair, Map.of("recommendation", "FAIL", "rationale", "not ready"))
        .statusCode(200);
    JsonPath chain = decisions(grantId);
    assertThat(chain.getList("records[0].data.scorecards.reviewerId"))
        .containsExactlyInAnyOrder(us.id().toString(), gb.id().toString());
  }

  /**
   * An altered payload breaks its own link; re-hashed, the next record's link; the newest record
   * removed (the head left alone), the head.
   */
  private void tamperAndVerify(UUID grantId) throws Exception {
    String grant = grantId.toString();
    Object[] original = row(grantId, 1);
    String forged = "{\"forged\":true}";
    executeWithoutTriggers(
        "UPDATE review_audit_record SET payload = convert_to(?, 'UTF8')"
            + " WHERE aggregate_identifier = ? AND sequence_number = 1",
        forged,
        grant);
    verify(grantId)
        .body("valid", equalTo(false))
        .body("recordsChecked", equalTo(1))
        .body("firstBrokenLink.sequence", equalTo(1))
        .body("firstBrokenLink.reason", containsString("was altered"));

    byte[] rehashed =
        ChainHash.of(
            (byte[]) original[6],
            (String) original[0],
            grant,
            1,
            (String) original[1],
            (String) original[2],
            (String) original[3],
            forged.getBytes(StandardCharsets.UTF_8),
            (byte[]) original[5]);
    executeWithoutTriggers(
        "UPDATE review_audit_record SET event_hash = decode(?, 'hex')"
            + " WHERE aggregate_identifier = ? AND sequence_number = 1",
        HexFormat.of().formatHex(rehashed),
        grant);
    verify(grantId)
        .body("valid", equalTo(false))
        .body("recordsChecked", equalTo(2))
        .body("firstBrokenLink.sequence", equalTo(2))
        .body("firstBrokenLink.reason", containsString("previous hash"));

    executeWithoutTriggers(
        "UPDATE review_audit_record SET payload = ?, event_hash = ?"
            + " WHERE aggregate_identifier = ? AND sequence_number = 1",
        original[4],
        original[7],
        grant);
    verify(grantId).body("valid", equalTo(true));
    executeWithoutTriggers(
        "DELETE FROM review_audit_record WHERE aggregate_identifier = ? AND sequence_number = 2",
        grant);
    verify(grantId)
        .body("valid", equalTo(false))
        .body("recordsChecked", equalTo(2))
        .body("firstBrokenLink.sequence", equalTo(2))
        .body("firstBrokenLink.reason", containsString("chain head"));
  }

  static UUID stageGateReview(UUID grantId) {
    grantEvents.publish(
        new StageGateScheduled(grantId, "WPI-CORE", 2029, LocalDate.of(2029, 6, 1), "STEP-UP"));
    return awaitReview(grantId, "STAGE_GATE");
  }

  static void refuseAndAwaitReopened(UUID grantId, UUID reviewId) {
    grantEvents.publish(
        new CommitteeDecisionRefused(
            grantId,
            reviewId,
            ReviewEventPublisher.eventId(ReviewCompleted.class, reviewId, 0),
            ReviewKind.STAGE_GATE,
            Recommendation.FAIL,
            "STAGE-GATE-SCHEDULED",
            "no stage gate is scheduled"));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as(ReviewApi.AUDITOR, Roles.AUDITOR)
                    .get("/api/v1/reviews/" + reviewId)
                    .then()
                    .body("status", equalTo("OPEN"))
                    .body("refusedDecisions", hasSize(1)));
  }

  private static io.restassured.response.ValidatableResponse declare(
      Reviewer reviewer, String kind, String value) {
    return as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
        .body(Map.of("kind", kind, "value", value, "reason", "stated by the reviewer"))
        .post("/api/v1/reviewers/" + reviewer.id() + "/conflicts")
        .then()
        .statusCode(201);
  }

  private static JsonPath decisions(UUID grantId) {
    return as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/audit/grants/" + grantId + "/decisions")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static io.restassured.response.ValidatableResponse verify(UUID grantId) {
    return as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/audit/grants/" + grantId + "/decisions/verify")
        .then()
        .statusCode(200);
  }

  /** The stored hash's hex if ChainHash, recomputed in Java from the stored row, agrees. */
  private static String recomputedHash(UUID grantId, long sequence) throws SQLException {
    Object[] r = row(grantId, sequence);
    byte[] hash =
        ChainHash.of(
            (byte[]) r[6],
            (String) r[0],
            grantId.toString(),
            sequence,
            (String) r[1],
            (String) r[2],
            (String) r[3],
            (byte[]) r[4],
            (byte[]) r[5]);
    assertThat(hash).isEqualTo((byte[]) r[7]);
    return HexFormat.of().formatHex(hash);
  }

  /**
   * event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data,
   * previous_hash, event_hash.
   */
  private static Object[] row(UUID grantId, long sequence) throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT event_identifier, time_stamp, payload_type, payload_revision, payload,"
                    + " meta_data, previous_hash, event_hash FROM review_audit_record"
                    + " WHERE aggregate_identifier = ? AND sequence_number = ?")) {
      s.setString(1, grantId.toString());
      s.setLong(2, sequence);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("record " + sequence).isTrue();
        Object[] row = new Object[8];
        for (int i = 0; i < 8; i++) {
          row[i] = rs.getObject(i + 1);
        }
        return row;
      }
    }
  }

  /** Runs one statement as someone who can write the table and switches the triggers off. */
  static void executeWithoutTriggers(String sql, Object... parameters) throws SQLException {
    run(true, sql, parameters);
  }

  private static void execute(String sql, Object... parameters) throws SQLException {
    run(false, sql, parameters);
  }

  private static void run(boolean withoutTriggers, String sql, Object... parameters)
      throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        if (withoutTriggers) {
          try (var s = c.createStatement()) {
            s.execute("SET LOCAL session_replication_role = replica"); // no trigger fires
          }
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
          for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
          }
          s.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  static DataSource dataSource() {
    return Arc.container().instance(DataSource.class).get();
  }
}
