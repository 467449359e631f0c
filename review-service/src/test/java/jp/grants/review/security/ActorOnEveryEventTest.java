package jp.grants.review.security;

import static jp.grants.review.support.ReviewApi.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.Envelopes;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import org.junit.jupiter.api.Test;

/**
 * Every event the review-service publishes names who caused it and in which role (the token's
 * subject and role for a REST call, the service itself for what a grant event caused), every change
 * it stores names who made it, and nothing a caller sends can change either.
 */
@QuarkusTest
class ActorOnEveryEventTest {
  /** No other test uses this program's committee. */
  private static final String PROGRAM = "JSPS-OVERSEAS-FELLOWSHIP";

  private static final String IMPOSTOR = "someone-else";

  @Test
  void shouldRecordTheTokensActorOnEveryEventAndChange() {
    Reviewer chair = ReviewApi.register("Chiyo Chair", "Sophia University", "JP");
    Reviewer member = ReviewApi.register("Mio Member", "Waseda University", "JP");
    Reviewer third = ReviewApi.register("Taro Third", "Meiji University", "JP");
    ReviewApi.setCommittee(PROGRAM, chair, "CHAIR", member, "MEMBER", third, "MEMBER")
        .statusCode(200);
    UUID grantId = UUID.randomUUID();
    UUID review = opened(grantId);
    as(member.subject(), Roles.REVIEWER)
        .body(Map.of("kind", "PERSON", "value", "An Old Friend", "reason", "friend"))
        .post("/api/v1/reviewers/" + member.id() + "/conflicts")
        .then()
        .statusCode(201);
    ReviewApi.assign(review, member).statusCode(201);
    ReviewApi.score(review, member, PROGRAM, 4, Map.of()).statusCode(200);
    as(chair.subject(), Roles.COMMITTEE_CHAIR)
        .header("X-Actor", IMPOSTOR)
        .header("X-Forwarded-User", IMPOSTOR)
        .queryParam("actor", IMPOSTOR)
        .body(Map.of("recommendation", "AWARD", "rationale", "clear case"))
        .post("/api/v1/reviews/" + review + "/decision")
        .then()
        .statusCode(200);

    List<EventEnvelope> published = outbox("%" + grantId + "%");
    assertThat(published)
        .extracting(
            e ->
                e.type().substring(e.type().lastIndexOf('.') + 1)
                    + " by "
                    + e.actor()
                    + "/"
                    + e.actorrole())
        .containsExactly(
            "ReviewOpened by system:review-service/system",
            "ReviewCompleted by " + chair.subject() + "/" + Roles.COMMITTEE_CHAIR);
    assertThat(text("SELECT decided_by FROM review WHERE id = ?", review))
        .isEqualTo(chair.subject());
    assertThat(text("SELECT assigned_by FROM review_assignment WHERE review_id = ?", review))
        .isEqualTo(ReviewApi.OFFICER);
    assertThat(text("SELECT declared_by FROM reviewer_conflict WHERE reviewer_id = ?", member.id()))
        .isEqualTo(member.subject());
    assertThat(text("SELECT updated_by FROM committee WHERE program_code = ?", PROGRAM))
        .isEqualTo(ReviewApi.ADMIN);
    assertThat(text("SELECT registered_by FROM reviewer WHERE id = ?", chair.id()))
        .isEqualTo(ReviewApi.OFFICER);

    // Not only this flow: every event and every change any test of this run has stored.
    Set<String> roles = new HashSet<>(Roles.ALL);
    roles.add("system");
    List<EventEnvelope> all = outbox("%");
    assertThat(all)
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.actor()).as("actor of " + e.type() + " " + e.id()).isNotBlank();
              assertThat(e.actorrole()).as("role of " + e.type() + " " + e.id()).isIn(roles);
            });
    for (String blank :
        List.of(
            "SELECT count(*) FROM reviewer WHERE coalesce(trim(registered_by), '') = ''",
            "SELECT count(*) FROM reviewer_conflict WHERE coalesce(trim(declared_by), '') = ''",
            "SELECT count(*) FROM committee WHERE coalesce(trim(updated_by), '') = ''",
            "SELECT count(*) FROM review_assignment WHERE coalesce(trim(assigned_by), '') = ''",
            "SELECT count(*) FROM review WHERE status = 'DECIDED' AND coalesce(trim(decided_by), '') = ''")) {
      assertThat(number(blank)).as(blank).isZero();
    }
    assertThat(number("SELECT count(*) FROM outbox WHERE payload LIKE '%" + IMPOSTOR + "%'"))
        .isZero();
  }

  @Test
  void shouldRefuseABodyThatNamesAnActor() {
    long reviewers = number("SELECT count(*) FROM reviewer");
    Map<String, Object> body =
        new HashMap<>(
            Map.of(
                "subject",
                "rev-" + UUID.randomUUID(),
                "name",
                "Smuggler",
                "affiliation",
                "Nowhere",
                "country",
                "JP"));
    body.put("registeredBy", IMPOSTOR);
    as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
        .body(body)
        .post("/api/v1/reviewers")
        .then()
        .statusCode(400);
    body.remove("registeredBy");
    body.put("actor", IMPOSTOR);
    as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
        .body(body)
        .post("/api/v1/reviewers")
        .then()
        .statusCode(400);
    assertThat(number("SELECT count(*) FROM reviewer")).isEqualTo(reviewers);
    body.remove("actor");
    String id =
        as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
            .header("X-Actor", IMPOSTOR)
            .body(body)
            .post("/api/v1/reviewers")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertThat(text("SELECT registered_by FROM reviewer WHERE id = ?", UUID.fromString(id)))
        .isEqualTo(ReviewApi.OFFICER);
  }

  private static UUID opened(UUID grantId) {
    try (GrantEventsTopic grantEvents = new GrantEventsTopic()) {
      grantEvents.publish(
          GrantEventsTopic.proposal(
              grantId,
              PROGRAM,
              "Pia Principal",
              "Kobe University",
              List.of("Kobe University"),
              2028,
              2));
      grantEvents.publish(new ProposalScreened(grantId, PROGRAM, "eligible"));
    }
    return ReviewApi.awaitReview(grantId, "SELECTION");
  }

  private static List<EventEnvelope> outbox(String like) {
    List<EventEnvelope> envelopes = new ArrayList<>();
    try (Connection c = dataSource().getConnection();
        PreparedStatement statement =
            c.prepareStatement("SELECT payload FROM outbox WHERE payload LIKE ? ORDER BY id")) {
      statement.setString(1, like);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          envelopes.add(
              Envelopes.read(rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return envelopes;
  }

  private static String text(String sql, Object parameter) {
    try (Connection c = dataSource().getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static long number(String sql) {
    try (Connection c = dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static DataSource dataSource() {
    return Arc.container().instance(DataSource.class).get();
  }
}
