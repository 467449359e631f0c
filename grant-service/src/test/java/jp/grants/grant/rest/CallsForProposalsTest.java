package jp.grants.grant.rest;

import static jp.grants.grant.Api.applicant;
import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static jp.grants.grant.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.Api;
import jp.grants.grant.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * Calls for proposals over the API, against real PostgreSQL and Kafka (issue 19): a program officer
 * opens a call for a program and fiscal year with its dates and planned awards (a joint call names
 * its partner agency); a proposal is submitted to an open call of its program and year only; an
 * award beyond the planned number is refused, by REST and from a committee alike, until an explicit
 * decision with a reason raises the number; concurrent awards never pass it. Every refusal is an
 * RFC 9457 problem naming its rule and changes nothing.
 */
@QuarkusTest
class CallsForProposalsTest {
  private static final int START = 2026;
  private static final List<String> HOSTS = List.of("Hiroshima University");

  private static LocalDate today() {
    return LocalDate.now(jp.grants.contracts.FiscalYears.JAPAN);
  }

  private static Map<String, Object> call(
      String program, int fiscalYear, LocalDate opensOn, LocalDate closesOn, int planned) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("programCode", program);
    call.put("fiscalYear", fiscalYear);
    call.put("title", program + " FY" + fiscalYear + " call " + UUID.randomUUID());
    call.put("opensOn", opensOn.toString());
    call.put("closesOn", closesOn.toString());
    call.put("plannedAwards", planned);
    return call;
  }

  /** An open call of the program for START, planning that many awards. */
  private static UUID openCall(String program, int planned) {
    return open(call(program, START, today().minusDays(10), today().plusDays(30), planned));
  }

  private static UUID open(Map<String, Object> call) {
    return UUID.fromString(
        officer()
            .body(call)
            .post("/api/v1/calls")
            .then()
            .statusCode(201)
            .header("ETag", "\"0\"")
            .header("Location", startsWith("http"))
            .extract()
            .path("callId"));
  }

  private static JsonPath read(UUID call) {
    return officer().get("/api/v1/calls/" + call).then().statusCode(200).extract().jsonPath();
  }

  private static Map<String, Object> proposalTo(UUID call, String program, int years, long annual) {
    Map<String, Object> proposal =
        new LinkedHashMap<>(Api.proposal(program, START, years, annual, HOSTS));
    proposal.put("callId", call.toString());
    return proposal;
  }

  private static UUID screenedIn(UUID call, String program, int years, long annual) {
    UUID grant = Api.submit(proposalTo(call, program, years, annual));
    post(officer(), grant, "screening", Map.of("eligible", true, "note", "complete"))
        .statusCode(200);
    return grant;
  }

  private static String status(UUID grant) {
    return officer().get("/api/v1/grants/" + grant).then().statusCode(200).extract().path("status");
  }

  @Test
  void shouldOpenACallListItAndPublishItsHistory() {
    LocalDate opens = today().minusDays(3);
    Map<String, Object> body = call("WPI-CORE", 2023 + 4, opens, opens.plusDays(60), 2);
    UUID call = open(body);
    JsonPath view = read(call);
    assertThat(view.getString("programCode")).isEqualTo("WPI-CORE");
    assertThat(view.getInt("fiscalYear")).isEqualTo(2027);
    assertThat(view.getInt("plannedAwards")).isEqualTo(2);
    assertThat(view.getInt("awarded")).isZero();
    assertThat(view.getInt("proposals")).isZero();
    assertThat(view.getString("status")).isEqualTo("OPEN");
    assertThat(view.getString("opensOn")).isEqualTo(opens.toString());
    assertThat(view.getString("openedBy")).isEqualTo(Api.OFFICER);
    assertThat(
            applicant()
                .get("/api/v1/calls?program=WPI-CORE&status=OPEN&size=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.callId"))
        .contains(call.toString());
    assertThat(
            officer()
                .get("/api/v1/calls?program=WPI-CORE&status=CLOSED&size=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.callId"))
        .doesNotContain(call.toString());

    List<Map<String, Object>> history =
        Api.auditor()
            .get("/api/v1/calls/" + call + "/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(history).hasSize(1);
    assertThat(history.get(0))
        .containsEntry("type", "jp.grants.call.CallForProposalsOpened")
        .containsEntry("actor", Api.OFFICER);

    try (TopicReader reader = new TopicReader(Topics.CALL_EVENTS)) {
      List<EventEnvelope> published = reader.envelopesOf(call, 1);
      assertThat(published).hasSize(1);
      EventEnvelope opened = published.get(0);
      assertThat(opened.type()).isEqualTo("jp.grants.call.CallForProposalsOpened");
      assertThat(opened.subject()).isEqualTo(call.toString());
      assertThat(opened.id()).isEqualTo(history.get(0).get("eventId"));
      assertThat(opened.data().path("plannedAwards").asInt()).isEqualTo(2);
      assertThat(opened.actor()).isEqualTo(Api.OFFICER);
    }
  }

  @Test
  void shouldRefuseACallThatBreaksItsRules() {
    LocalDate opens = today();
    problem(
            officer()
                .body(call("WPI-CORE", START, opens, opens.minusDays(1), 2))
                .post("/api/v1/calls")
                .then(),
            422,
            "CALL-DATES")
        .body("detail", containsString("closesOn"));
    problem(
        officer()
            .body(call("NO-SUCH-PROGRAM", START, opens, opens.plusDays(9), 2))
            .post("/api/v1/calls")
            .then(),
        422,
        "PROGRAM-KNOWN");
    problem(
            officer()
                .body(call("ASPIRE", START, opens, opens.plusDays(9), 5))
                .post("/api/v1/calls")
                .then(),
            422,
            "CALL-PARTNER-AGENCY")
        .body("detail", containsString("共同公募"));
    officer()
        .body(call("SATREPS", START, opens, opens.plusDays(9), 0))
        .post("/api/v1/calls")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"));
    applicant()
        .body(call("SATREPS", START, opens, opens.plusDays(9), 10))
        .post("/api/v1/calls")
        .then()
        .statusCode(403);

    Map<String, Object> joint = call("ASPIRE", START, opens, opens.plusDays(9), 5);
    joint.put("partnerAgency", "NSF (United States)");
    UUID call = open(joint);
    assertThat(read(call).getString("partnerAgency")).isEqualTo("NSF (United States)");
    officer()
        .get("/api/v1/calls/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void shouldTakeProposalsOnlyInAnOpenCallOfTheirProgramAndYear() {
    UUID call = openCall("SATREPS", 10);
    UUID grant = Api.submit(proposalTo(call, "SATREPS", 5, 30_000_000L));
    assertThat(
            officer()
                .get("/api/v1/grants/" + grant)
                .then()
                .statusCode(200)
                .extract()
                .<String>path("callId"))
        .isEqualTo(call.toString());
    assertThat(read(call).getInt("proposals")).isEqualTo(1);

    problem(
            applicant()
                .body(proposalTo(call, "ASPIRE", 5, 50_000_000L))
                .post("/api/v1/grants")
                .then(),
            422,
            "CALL-PROGRAM")
        .body("detail", containsString("SATREPS"));
    Map<String, Object> otherYear =
        new LinkedHashMap<>(Api.proposal("SATREPS", START + 1, 5, 30_000_000L, HOSTS));
    otherYear.put("callId", call.toString());
    problem(applicant().body(otherYear).post("/api/v1/grants").then(), 422, "CALL-FISCAL-YEAR");
    problem(
        applicant()
            .body(proposalTo(UUID.randomUUID(), "SATREPS", 5, 30_000_000L))
            .post("/api/v1/grants")
            .then(),
        422,
        "CALL-KNOWN");

    UUID scheduled = open(call("SATREPS", START, today().plusDays(5), today().plusDays(40), 10));
    assertThat(read(scheduled).getString("status")).isEqualTo("SCHEDULED");
    problem(
            applicant()
                .body(proposalTo(scheduled, "SATREPS", 5, 30_000_000L))
                .post("/api/v1/grants")
                .then(),
            409,
            "CALL-NOT-OPEN")
        .body("detail", containsString(today().plusDays(5).toString()));
    UUID past = open(call("SATREPS", START, today().minusDays(40), today().minusDays(1), 10));
    assertThat(read(past).getString("status")).isEqualTo("CLOSED");
    problem(
        applicant().body(proposalTo(past, "SATREPS", 5, 30_000_000L)).post("/api/v1/grants").then(),
        409,
        "CALL-CLOSED");

    // closed early by a program officer: If-Match with its version, a reason, recorded
    problem(
            officer()
                .header("If-Match", "\"7\"")
                .body(Map.of("reason", "enough proposals"))
                .post("/api/v1/calls/" + call + "/closure")
                .then(),
            412,
            null)
        // the same answer as a grant's stale If-Match
        .body("type", equalTo("urn:jp-grants:problem:stale-version"))
        .body("detail", containsString("now at version 0"));
    officer()
        .header("If-Match", "\"0\"")
        .body(Map.of("reason", "the budget was cut"))
        .post("/api/v1/calls/" + call + "/closure")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("status", equalTo("CLOSED"))
        .body("closeReason", equalTo("the budget was cut"));
    problem(
            applicant()
                .body(proposalTo(call, "SATREPS", 5, 30_000_000L))
                .post("/api/v1/grants")
                .then(),
            409,
            "CALL-CLOSED")
        .body("detail", containsString("the budget was cut"));
    problem(
        officer().body(Map.of("reason", "again")).post("/api/v1/calls/" + call + "/closure").then(),
        409,
        "CALL-CLOSED");
    // the refusals counted nothing
    assertThat(read(call).getInt("proposals")).isEqualTo(1);
    assertThat(
            Api.auditor()
                .get("/api/v1/calls/" + call + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<String>getList("type"))
        .containsExactly(
            "jp.grants.call.CallForProposalsOpened", "jp.grants.call.CallForProposalsClosed");
  }

  @Test
  void shouldRefuseAnAwardBeyondThePlanUntilAnExplicitDecisionRaisesIt() {
    UUID call = openCall("SATREPS", 1);
    UUID first = screenedIn(call, "SATREPS", 5, 30_000_000L);
    UUID second = screenedIn(call, "SATREPS", 5, 30_000_000L);
    post(officer(), first, "award", Map.of("reason", Api.DIRECT_REASON)).statusCode(200);
    problem(
            post(officer(), second, "award", Map.of("reason", Api.DIRECT_REASON)),
            409,
            "CALL-AWARDS-PLANNED")
        .body("detail", containsString("planned 1 awards and 1 were made"));
    assertThat(status(second)).isEqualTo("SCREENED");
    assertThat(read(call).getInt("awarded")).isEqualTo(1);

    // the decision: a reason is required, the version must be the call's, the number can't go
    // below the awards made
    officer()
        .body(Map.of("plannedAwards", 2))
        .post("/api/v1/calls/" + call + "/planned-awards")
        .then()
        .statusCode(400);
    problem(
        officer()
            .body(Map.of("plannedAwards", 1, "reason", "same"))
            .post("/api/v1/calls/" + call + "/planned-awards")
            .then(),
        422,
        "CALL-PLAN-UNCHANGED");
    String reason = "two proposals of equal merit; the committee recommends both (test)";
    officer()
        .header("If-Match", "\"0\"")
        .body(Map.of("plannedAwards", 2, "reason", reason))
        .post("/api/v1/calls/" + call + "/planned-awards")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("plannedAwards", equalTo(2));
    post(officer(), second, "award", Map.of("reason", Api.DIRECT_REASON)).statusCode(200);
    assertThat(status(second)).isEqualTo("ACTIVE");
    problem(
        officer()
            .body(Map.of("plannedAwards", 1, "reason", "fewer after all"))
            .post("/api/v1/calls/" + call + "/planned-awards")
            .then(),
        409,
        "CALL-PLAN");
    assertThat(read(call).getInt("awarded")).isEqualTo(2);

    List<Map<String, Object>> history =
        officer()
            .get("/api/v1/calls/" + call + "/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(history).extracting(h -> h.get("type")).hasSize(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> changed = (Map<String, Object>) history.get(1).get("data");
    assertThat(changed)
        .containsEntry("previousPlannedAwards", 1)
        .containsEntry("plannedAwards", 2)
        .containsEntry("awarded", 1)
        .containsEntry("reason", reason);

    // the grants of the call, listed and in the portfolio by call
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        officer()
                            .get("/api/v1/grants?call=" + call)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .<String>getList("items.grantId"))
                    .containsExactlyInAnyOrder(first.toString(), second.toString()));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              List<Map<String, Object>> rows =
                  officer()
                      .get("/api/v1/grants/portfolio?call=" + call)
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath()
                      .getList("$");
              assertThat(rows).hasSize(1);
              assertThat(rows.get(0))
                  .containsEntry("programCode", "SATREPS")
                  .containsEntry("status", "ACTIVE")
                  .containsEntry("grants", 2)
                  .containsEntry("totalAwardedYen", 2 * 5 * 30_000_000);
            });
  }

  @Test
  void shouldRecordACommitteesAwardBeyondThePlanAsRefused() {
    UUID call = openCall("WPI", 1);
    UUID first = screenedIn(call, "WPI", 10, 700_000_000L);
    UUID second = screenedIn(call, "WPI", 10, 700_000_000L);
    Api.award(first, "WPI");
    assertThat(status(first)).isEqualTo("ACTIVE");
    assertThat(
            Api.refusedCommitteeDecision(
                second, ReviewKind.SELECTION, Recommendation.AWARD, List.of(), null))
        .isEqualTo("CALL-AWARDS-PLANNED");
    assertThat(status(second)).isEqualTo("SCREENED");
    assertThat(read(call).getInt("awarded")).isEqualTo(1);
  }

  @Test
  void shouldNeverAwardMoreThanPlannedWhateverTheConcurrency() throws Exception {
    int planned = 3;
    int proposals = 8;
    UUID call = openCall("SATREPS", planned);
    List<UUID> grants = new ArrayList<>();
    for (int i = 0; i < proposals; i++) {
      grants.add(screenedIn(call, "SATREPS", 3, 20_000_000L));
    }
    ExecutorService pool = Executors.newFixedThreadPool(proposals);
    try {
      List<Callable<Integer>> awards = new ArrayList<>();
      for (UUID grant : grants) {
        awards.add(
            () ->
                post(officer(), grant, "award", Map.of("reason", Api.DIRECT_REASON))
                    .extract()
                    .statusCode());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : pool.invokeAll(awards)) {
        statuses.add(answer.get());
      }
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(planned);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(proposals - planned);
    } finally {
      pool.shutdownNow();
    }
    assertThat(grants.stream().map(CallsForProposalsTest::status).filter("ACTIVE"::equals))
        .hasSize(planned);
    assertThat(read(call).getInt("awarded")).isEqualTo(planned);
  }

  @Test
  void shouldOpenACallOncePerIdempotencyKey() {
    Map<String, Object> body = call("SATREPS", START, today(), today().plusDays(20), 10);
    String key = "open-call-" + UUID.randomUUID();
    String first =
        officer()
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/calls")
            .then()
            .statusCode(201)
            .extract()
            .path("callId");
    officer()
        .header("Idempotency-Key", key)
        .body(body)
        .post("/api/v1/calls")
        .then()
        .statusCode(201)
        .header(CommandExecutor.REPLAYED, "true")
        .body("callId", equalTo(first));
    assertThat(
            officer()
                .get("/api/v1/calls?program=SATREPS&size=100")
                .then()
                .extract()
                .jsonPath()
                .<String>getList("items.title"))
        .filteredOn(body.get("title")::equals)
        .hasSize(1);
  }
}
