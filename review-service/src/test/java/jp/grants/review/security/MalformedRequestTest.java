package jp.grants.review.security;

import static jp.grants.infra.security.Malformed.shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import jp.grants.contracts.Topics;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.review.Recommendation;
import jp.grants.infra.security.Malformed;
import jp.grants.infra.security.Malformed.Choice;
import jp.grants.infra.security.Malformed.Endpoint;
import jp.grants.infra.security.Malformed.Id;
import jp.grants.infra.security.Malformed.Items;
import jp.grants.infra.security.Malformed.Request;
import jp.grants.infra.security.Malformed.Shape;
import jp.grants.infra.security.Malformed.Text;
import jp.grants.infra.security.Malformed.Whole;
import jp.grants.infra.security.Malformed.Yen;
import jp.grants.infra.security.Writes;
import jp.grants.platform.security.Roles;
import jp.grants.review.committee.domain.CommitteeRole;
import jp.grants.review.conflict.domain.ConflictKind;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import org.junit.jupiter.api.Test;

/**
 * At least 1,000 malformed requests, drawn from a fixed seed, against every write endpoint of the
 * review-service, each aimed at a resource where the well-formed request succeeds (checked at the
 * end): not one is answered 5xx or 2xx, every answer is a 4xx RFC 9457 problem that says what is
 * wrong, and not one row is written anywhere in the service's database, its inbox or its outbox.
 */
@QuarkusTest
class MalformedRequestTest {
  private static final long SEED = 20_261_124L;
  private static final int REQUESTS = 1_000;
  private static final List<String> TABLES =
      List.of(
          "reviewer",
          "reviewer_conflict",
          "committee",
          "committee_member",
          "grant_view",
          "follow_up_report",
          "review",
          "review_assignment",
          "scorecard",
          "scorecard_score",
          "inbox",
          "inbox_dead_letter",
          "outbox");

  /** Programs no other test uses. */
  private static final String REVIEWED = "KAKENHI-ILR";

  private static final String COMMITTEE = "INDIA-EXCHANGE";
  private static final int START = 2028;

  @Test
  void shouldRefuseEveryMalformedRequestWithAProblemAndWriteNothing() {
    Reviewer chair = ReviewApi.register("Kei Chair", "Hokkaido University", "JP");
    // KAKENHI-ILR's committee includes a member from outside Japan (its overseas referees).
    Reviewer assignee = ReviewApi.register("Kana Assignee", "University of Toronto", "CA");
    Reviewer scorer = ReviewApi.register("Sora Scorer", "Nagoya University", "JP");
    ReviewApi.setCommittee(REVIEWED, chair, "CHAIR", assignee, "MEMBER", scorer, "MEMBER")
        .statusCode(200);
    List<Reviewer> committee =
        List.of(
            ReviewApi.register("Ai A", "Osaka University", "JP"),
            ReviewApi.register("Bo B", "Kyushu University", "JP"),
            ReviewApi.register("Cy C", "Chiba University", "JP"));
    Reviewer declarant = ReviewApi.register("Dai Declarant", "Keio University", "JP");
    UUID toAssign;
    UUID toScore;
    UUID toDecide;
    try (GrantEventsTopic grantEvents = new GrantEventsTopic()) {
      toAssign = opened(grantEvents);
      toScore = opened(grantEvents);
      toDecide = opened(grantEvents);
    }
    ReviewApi.assign(toScore, scorer).statusCode(201);
    ReviewApi.assign(toDecide, scorer).statusCode(201);
    ReviewApi.score(toDecide, scorer, REVIEWED, 4, Map.of()).statusCode(200);
    List<Endpoint> endpoints =
        List.of(
            register(),
            declare(declarant),
            committee(committee),
            assign(toAssign, assignee),
            scorecard(toScore, scorer),
            decision(toDecide, chair));
    Writes.awaitConsumed("review-service", Topics.GRANT_EVENTS);
    Malformed.assertRefusedWithoutWrites("review", endpoints, TABLES, REQUESTS, new Random(SEED));
  }

  @Test
  void shouldRefuseAChunkedBodyWith411AndWriteNothing() throws Exception {
    Writes.awaitConsumed("review-service", Topics.GRANT_EVENTS);
    Malformed.assertChunkedRefused(register().valid(), TABLES);
  }

  private static UUID opened(GrantEventsTopic grantEvents) {
    UUID grantId = UUID.randomUUID();
    grantEvents.publish(
        GrantEventsTopic.proposal(
            grantId,
            REVIEWED,
            "Pia Principal",
            "Kobe University",
            List.of("Kobe University"),
            START,
            7));
    grantEvents.publish(new ProposalScreened(grantId, REVIEWED, "eligible"));
    return ReviewApi.awaitReview(grantId, "SELECTION");
  }

  private static Endpoint register() {
    ObjectNode template =
        Malformed.object(
            Map.of(
                "subject",
                "malformed-" + UUID.randomUUID(),
                "name",
                "Nao New",
                "affiliation",
                "Kobe Gakuin",
                "country",
                "JP",
                "fields",
                List.of("physics")));
    Shape shape =
        shape(
            "subject",
            new Text(200, true, true),
            "name",
            new Text(200, true, true),
            "affiliation",
            new Text(300, true, true),
            "country",
            new Text(2, true, true, List.of("jp", "JPN", "J1", "ＪＰ")),
            "fields",
            new Items(new Text(100, true, true), 0, 20, false));
    return new Endpoint(
        "POST reviewers",
        "POST",
        "/api/v1/reviewers",
        "malformed-officer",
        Roles.PROGRAM_OFFICER,
        template,
        shape,
        Map::of,
        List.of());
  }

  private static Endpoint declare(Reviewer reviewer) {
    ObjectNode template =
        Malformed.object(
            Map.of(
                "kind",
                "INSTITUTION",
                "value",
                "Ritsumeikan University",
                "reason",
                "a former employer"));
    Shape shape =
        shape(
            "kind",
            choice(ConflictKind.values()),
            "value",
            new Text(300, true, true),
            "reason",
            new Text(2000, false, false));
    String path = "/api/v1/reviewers/" + reviewer.id() + "/conflicts";
    Endpoint[] self = new Endpoint[1];
    List<Supplier<Request>> extra =
        new ArrayList<>(
            paths(
                self,
                template,
                "/api/v1/reviewers/not-a-uuid/conflicts",
                "/api/v1/reviewers/" + UUID.randomUUID() + "/conflicts",
                "/api/v1/reviewers/12345/conflicts"));
    extra.add(
        () ->
            self[0].withBody(
                "GRANT conflict that names no grant",
                Malformed.replaced(
                    Malformed.replaced(template, "/kind", text("GRANT")),
                    "/value",
                    text("not a grant id"))));
    self[0] =
        new Endpoint(
            "POST conflicts",
            "POST",
            path,
            reviewer.subject(),
            Roles.REVIEWER,
            template,
            shape,
            Map::of,
            extra);
    return self[0];
  }

  private static Endpoint committee(List<Reviewer> members) {
    ObjectNode template =
        Malformed.object(
            Map.of(
                "members",
                List.of(
                    Map.of("reviewerId", members.get(0).id().toString(), "role", "CHAIR"),
                    Map.of("reviewerId", members.get(1).id().toString(), "role", "MEMBER"),
                    Map.of("reviewerId", members.get(2).id().toString(), "role", "MEMBER"))));
    Shape shape =
        shape(
            "members",
            new Items(
                shape("reviewerId", new Id(true), "role", choice(CommitteeRole.values())),
                0,
                50,
                true));
    Endpoint[] self = new Endpoint[1];
    List<Supplier<Request>> extra =
        new ArrayList<>(
            paths(
                self,
                template,
                "/api/v1/committees/NO-SUCH-PROGRAM",
                "/api/v1/committees/india-exchange",
                "/api/v1/committees/%2e%2e"));
    extra.add(
        () ->
            self[0].withBody(
                "a member nobody registered",
                Malformed.replaced(
                    template, "/members/1/reviewerId", text(UUID.randomUUID().toString()))));
    self[0] =
        new Endpoint(
            "PUT committee",
            "PUT",
            "/api/v1/committees/" + COMMITTEE,
            "malformed-admin",
            Roles.ADMIN,
            template,
            shape,
            Map::of,
            extra);
    return self[0];
  }

  private static Endpoint assign(UUID review, Reviewer reviewer) {
    ObjectNode template = Malformed.object(Map.of("reviewerId", reviewer.id().toString()));
    Endpoint[] self = new Endpoint[1];
    List<Supplier<Request>> extra =
        new ArrayList<>(
            paths(
                self,
                template,
                "/api/v1/reviews/not-a-uuid/assignments",
                "/api/v1/reviews/" + UUID.randomUUID() + "/assignments"));
    extra.add(
        () ->
            self[0].withBody(
                "a reviewer nobody registered",
                Malformed.replaced(template, "/reviewerId", text(UUID.randomUUID().toString()))));
    self[0] =
        new Endpoint(
            "POST assignments",
            "POST",
            "/api/v1/reviews/" + review + "/assignments",
            "malformed-officer",
            Roles.PROGRAM_OFFICER,
            template,
            shape("reviewerId", new Id(true)),
            Map::of,
            extra);
    return self[0];
  }

  private static Endpoint scorecard(UUID review, Reviewer reviewer) {
    ObjectNode template =
        Malformed.object(Map.of("scores", ReviewApi.scores(REVIEWED, 4, Map.of())));
    Shape score =
        shape(
            "axis",
            new Text(50, true, true),
            "score",
            new Whole(1, 5, true),
            "comment",
            new Text(4000, true, true));
    Endpoint[] self = new Endpoint[1];
    List<Supplier<Request>> extra =
        new ArrayList<>(
            paths(
                self,
                template,
                "/api/v1/reviews/not-a-uuid/scorecards/mine",
                "/api/v1/reviews/" + UUID.randomUUID() + "/scorecards/mine",
                "/api/v1/reviews/" + review + "/scorecards/" + reviewer.id()));
    extra.add(
        () ->
            self[0].withBody(
                "an axis the program does not have",
                Malformed.replaced(template, "/scores/0/axis", text("NO-SUCH-AXIS"))));
    self[0] =
        new Endpoint(
            "PUT scorecard",
            "PUT",
            "/api/v1/reviews/" + review + "/scorecards/mine",
            reviewer.subject(),
            Roles.REVIEWER,
            template,
            shape("scores", new Items(score, 1, 50, true)),
            Map::of,
            extra);
    return self[0];
  }

  private static Endpoint decision(UUID review, Reviewer chair) {
    ObjectNode template =
        Malformed.object(
            Map.of(
                "recommendation",
                "AWARD",
                "rationale",
                "convincing",
                "allocations",
                java.util.stream.IntStream.range(0, 7)
                    .mapToObj(
                        i ->
                            Map.<String, Object>of(
                                "fiscalYear", START + i, "amountYen", 10_000_000L))
                    .toList()));
    Shape shape =
        shape(
            "recommendation",
            choice(Recommendation.values()),
            "grade",
            new Text(1, false, false, List.of("D", "s", "A+")),
            "rationale",
            new Text(10_000, true, true),
            "allocations",
            new Items(
                shape(
                    "fiscalYear",
                    new Whole(2000, 2100, true),
                    "amountYen",
                    new Yen(0, 1_000_000_000_000L, true)),
                0,
                20,
                false));
    Endpoint[] self = new Endpoint[1];
    List<Supplier<Request>> extra =
        new ArrayList<>(
            paths(
                self,
                template,
                "/api/v1/reviews/not-a-uuid/decision",
                "/api/v1/reviews/" + UUID.randomUUID() + "/decision"));
    extra.add(
        () ->
            self[0].withBody(
                "a recommendation that does not fit a selection",
                Malformed.replaced(template, "/recommendation", text("PASS"))));
    extra.add(
        () ->
            self[0].withBody(
                "an allocation outside the grant's term",
                Malformed.replaced(
                    template,
                    "/allocations/0/fiscalYear",
                    Malformed.JSON.getNodeFactory().numberNode(2099))));
    self[0] =
        new Endpoint(
            "POST decision",
            "POST",
            "/api/v1/reviews/" + review + "/decision",
            chair.subject(),
            Roles.COMMITTEE_CHAIR,
            template,
            shape,
            Map::of,
            extra);
    return self[0];
  }

  /**
   * The endpoint's well-formed body sent to paths that name nothing (bad ids, unknown resources).
   */
  private static List<Supplier<Request>> paths(
      Endpoint[] self, ObjectNode template, String... paths) {
    return Arrays.stream(paths)
        .<Supplier<Request>>map(
            path ->
                () ->
                    self[0].request(
                        "path " + path,
                        path,
                        Map.of(),
                        "application/json",
                        Malformed.bytes(template)))
        .toList();
  }

  private static Choice choice(Enum<?>[] values) {
    return new Choice(Arrays.stream(values).map(Enum::name).toList(), true);
  }

  private static JsonNode text(String value) {
    return Malformed.JSON.getNodeFactory().textNode(value);
  }
}
