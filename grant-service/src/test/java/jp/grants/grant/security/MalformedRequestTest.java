package jp.grants.grant.security;

import static jp.grants.grant.security.Lifecycle.START;
import static jp.grants.infra.security.Malformed.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.Topics;
import jp.grants.grant.Api;
import jp.grants.grant.query.GrantProjection;
import jp.grants.infra.security.Malformed;
import jp.grants.infra.security.Malformed.Choice;
import jp.grants.infra.security.Malformed.Day;
import jp.grants.infra.security.Malformed.Endpoint;
import jp.grants.infra.security.Malformed.Field;
import jp.grants.infra.security.Malformed.Flag;
import jp.grants.infra.security.Malformed.Items;
import jp.grants.infra.security.Malformed.Request;
import jp.grants.infra.security.Malformed.Shape;
import jp.grants.infra.security.Malformed.Text;
import jp.grants.infra.security.Malformed.Whole;
import jp.grants.infra.security.Malformed.Yen;
import jp.grants.infra.security.Writes;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * At least 1,000 malformed requests, drawn from a fixed seed, against every write endpoint of the
 * grant-service, each aimed at a grant in the state where the well-formed request succeeds (checked
 * at the end): not one is answered 5xx or 2xx, every answer is a 4xx RFC 9457 problem that says
 * what is wrong, and not one row is written: no event in the event store, no snapshot, no
 * read-model row, no stored idempotent answer, no hash-chain link, nothing in the inbox or outbox.
 *
 * <p>The projection rebuild takes no input but the projection's name; it is left out here.
 */
@QuarkusTest
class MalformedRequestTest {
  private static final long SEED = 20_261_125L;
  private static final int REQUESTS = 1_300;
  private static final List<String> TABLES =
      List.of(
          "domain_event_entry",
          "snapshot_event_entry",
          "token_entry",
          "grant_summary",
          "grant_institution",
          "grant_disbursement",
          "idempotency_record",
          "grant_chain_head",
          "inbox",
          "inbox_dead_letter",
          "outbox");
  private static final String OWNER = "malformed-applicant";
  private static final Field YEAR = new Whole(2000, 2100, true);
  private static final Field COUNT = new Whole(0, 100_000, true);
  private static final Shape AMOUNT =
      shape("fiscalYear", YEAR, "amountYen", new Yen(0, 1_000_000_000_000L, true));

  @Test
  void shouldRefuseEveryMalformedRequestWithAProblemAndWriteNothing() {
    List<Endpoint> endpoints = endpoints();
    awaitQuiet();
    Malformed.assertRefusedWithoutWrites("grant", endpoints, TABLES, REQUESTS, new Random(SEED));
  }

  /**
   * The stage gate's decision: only WPI CORE has a gate and only its committee decides it, so no
   * grant takes a program officer's well-formed request; the malformed ones are refused all the
   * same (with a 4xx problem, nothing written), and the well-formed one by DECISION-BY-COMMITTEE
   * (no event).
   */
  @Test
  void shouldRefuseEveryMalformedStageGateDecisionAndTheWellFormedOneByTheCommitteeRule() {
    Endpoint decision =
        step(
            "stage-gate/decision",
            Lifecycle.stageGateScheduled(OWNER),
            Map.of(
                "outcome",
                "PASSED",
                "allocations",
                Api.plan(START + 2, 8, 500_000_000L),
                "reason",
                Api.DIRECT_REASON),
            shape(
                "outcome",
                new Choice(List.of("PASSED", "FAILED"), true),
                "reason",
                new Text(5_000, false, false),
                "endFiscalYear",
                new Whole(2000, 2100, false),
                "allocations",
                new Items(AMOUNT, 0, 30, false)));
    awaitQuiet();
    Map<String, Long> before = jp.grants.infra.security.Writes.count(TABLES);
    Malformed.Report report = Malformed.fire(List.of(decision), TABLES, 100, new Random(SEED));
    assertThat(report.failures()).isEmpty();
    assertThat(report.statuses().keySet())
        .allSatisfy(status -> assertThat(status).isBetween(400, 499));
    assertThat(jp.grants.infra.security.Writes.count(TABLES)).isEqualTo(before);
    long events =
        jp.grants.infra.security.Writes.count(List.of("domain_event_entry"))
            .get("domain_event_entry");
    var wellFormed = decision.valid().send();
    assertThat(wellFormed.statusCode()).isEqualTo(409);
    assertThat(wellFormed.jsonPath().getString("rule")).isEqualTo("DECISION-BY-COMMITTEE");
    // refused by the rule: no event (its Idempotency-Key keeps the refusal, for a retry to get it
    // again)
    assertThat(
            jp.grants.infra.security.Writes.count(List.of("domain_event_entry"))
                .get("domain_event_entry"))
        .isEqualTo(events);
  }

  @Test
  void shouldRefuseAChunkedBodyWith411AndWriteNothing() throws Exception {
    awaitQuiet();
    Malformed.assertChunkedRefused(submit().valid(), TABLES);
  }

  private static List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.add(submit());
    endpoints.add(
        step(
            "screening",
            Lifecycle.proposed(OWNER, "WPI"),
            Map.of("eligible", true, "note", "complete"),
            shape("eligible", new Flag(true), "note", new Text(5_000, false, false))));
    // Direct decisions where the catalog allows them (ASPIRE), with their reasons.
    endpoints.add(
        step(
            "award",
            Lifecycle.screened(OWNER, "ASPIRE"),
            Map.of("allocations", Api.plan(START, 5, 100_000_000L), "reason", Api.DIRECT_REASON),
            shape(
                "allocations",
                new Items(AMOUNT, 0, 30, false),
                "reason",
                new Text(5_000, false, false))));
    endpoints.add(
        step(
            "decline",
            Lifecycle.screened(OWNER, "ASPIRE"),
            Map.of("reason", "not this time"),
            shape("reason", new Text(5_000, true, true))));
    endpoints.add(
        followUp(
            Lifecycle.active(OWNER, "WPI"), Lifecycle.active("malformed-other-applicant", "WPI")));
    Endpoint stageGate =
        step(
            "stage-gate",
            Lifecycle.readyForStageGate(OWNER),
            Lifecycle.stageGate(),
            shape("fiscalYear", YEAR, "scheduledOn", new Day(true)));
    stageGate
        .extra()
        .add(
            () ->
                stageGate.withBody(
                    "scheduledOn outside its fiscal year",
                    Malformed.replaced(
                        stageGate.template(),
                        "/scheduledOn",
                        Malformed.JSON.getNodeFactory().textNode("2031-09-01"))));
    endpoints.add(stageGate);
    endpoints.add(evaluation(Lifecycle.active(OWNER, "WPI")));
    endpoints.add(
        step(
            "evaluations/interim/result",
            Lifecycle.interimScheduled(OWNER, "ASPIRE"),
            Map.of("grade", "A", "summary", "on track"),
            shape("grade", new Text(1, true, true), "summary", new Text(20_000, false, false))));
    endpoints.add(
        step(
            "extension",
            Lifecycle.interimGraded(OWNER),
            Lifecycle.extension(),
            shape(
                "additionalYears",
                new Whole(1, 10, true),
                "allocations",
                new Items(AMOUNT, 1, 10, true))));
    endpoints.add(
        step(
            "termination",
            Lifecycle.active(OWNER, "WPI"),
            Map.of("lastFiscalYear", START, "reason", "the center dissolved"),
            shape("lastFiscalYear", YEAR, "reason", new Text(5_000, true, true))));
    endpoints.add(
        step(
            "closure",
            Lifecycle.active(OWNER, "WPI"),
            Map.of("note", "completed"),
            shape("note", new Text(5_000, false, false))));
    endpoints.add(disbursement(Lifecycle.active(OWNER, "WPI")));
    return endpoints;
  }

  private static Endpoint submit() {
    ObjectNode template = Malformed.object(Lifecycle.proposal("WPI", "Kyoto University"));
    Shape shape =
        shape(
            "programCode",
            new Text(50, true, true),
            "title",
            new Text(500, true, true),
            "summary",
            new Text(10_000, false, false),
            "principalInvestigator",
            shape(
                "name",
                new Text(200, true, true),
                "institution",
                new Text(300, true, true),
                "country",
                new Text(2, true, true, List.of("J", "JPN"))),
            "hostInstitutions",
            new Items(new Text(300, true, true), 1, 20, true),
            "startFiscalYear",
            YEAR,
            "durationYears",
            new Whole(1, 20, true),
            "requestedPlan",
            new Items(AMOUNT, 1, 30, true),
            "plannedFigures",
            new Shape(
                shape(
                        "principalInvestigators",
                        new Whole(0, 100_000, true),
                        "totalStaff",
                        new Whole(0, 100_000, true),
                        "researchers",
                        new Whole(0, 100_000, true),
                        "researchersFromAbroad",
                        new Whole(0, 100_000, true))
                    .fields(),
                false));
    Endpoint[] self = new Endpoint[1];
    List<Supplier<Request>> extra = new ArrayList<>(badKeys(self, "/api/v1/grants", template));
    self[0] =
        new Endpoint(
            "POST grants",
            "POST",
            "/api/v1/grants",
            OWNER,
            Roles.APPLICANT,
            template,
            shape,
            MalformedRequestTest::freshKey,
            extra);
    return self[0];
  }

  /** A lifecycle step a program officer takes on a grant in the state the step needs. */
  private static Endpoint step(String step, UUID grant, Map<String, Object> body, Shape shape) {
    return lifecycle(
        step, grant, body, shape, "malformed-officer", Roles.PROGRAM_OFFICER, new ArrayList<>());
  }

  private static Endpoint lifecycle(
      String step,
      UUID grant,
      Map<String, Object> body,
      Shape shape,
      String subject,
      String role,
      List<Supplier<Request>> extra) {
    ObjectNode template = Malformed.object(body);
    String path = "/api/v1/grants/" + grant + "/" + step;
    Endpoint[] self = new Endpoint[1];
    extra.addAll(badKeys(self, path, template));
    for (String ifMatch :
        List.of("abc", "\"x\"", "W/\"1.5\"", "99999999999999999999", "\"7\"", "1, 2")) {
      extra.add(
          () ->
              self[0].request(
                  "If-Match " + ifMatch,
                  path,
                  Map.of("If-Match", ifMatch),
                  "application/json",
                  Malformed.bytes(template)));
      // with a key too: the malformed header is refused before the key is claimed, so no answer is
      // stored
      extra.add(
          () ->
              self[0].request(
                  "If-Match " + ifMatch + " with a key",
                  path,
                  Map.of("If-Match", ifMatch, "Idempotency-Key", "malformed-" + UUID.randomUUID()),
                  "application/json",
                  Malformed.bytes(template)));
    }
    for (String badPath :
        List.of(
            "/api/v1/grants/not-a-uuid/" + step,
            "/api/v1/grants/12345/" + step,
            "/api/v1/grants/" + grant + "x/" + step,
            "/api/v1/grants/" + UUID.randomUUID() + "/" + step)) {
      extra.add(
          () ->
              self[0].request(
                  "path " + badPath,
                  badPath,
                  Map.of(),
                  "application/json",
                  Malformed.bytes(template)));
    }
    self[0] =
        new Endpoint(
            "POST " + step,
            "POST",
            path,
            subject,
            role,
            template,
            shape,
            MalformedRequestTest::freshKey,
            extra);
    return self[0];
  }

  /** Reported by the grant's own applicant; another applicant's grant does not exist for them. */
  private static Endpoint followUp(UUID grant, UUID othersGrant) {
    Map<String, Object> body = Lifecycle.followUp();
    List<Supplier<Request>> extra = new ArrayList<>();
    Endpoint[] self = new Endpoint[1];
    extra.add(
        () ->
            self[0].request(
                "another applicant's grant",
                "/api/v1/grants/" + othersGrant + "/follow-ups",
                Map.of(),
                "application/json",
                Malformed.bytes(Malformed.object(body))));
    self[0] =
        lifecycle(
            "follow-ups",
            grant,
            body,
            shape(
                "fiscalYear",
                YEAR,
                "principalInvestigators",
                COUNT,
                "totalStaff",
                COUNT,
                "researchers",
                COUNT,
                "researchersFromAbroad",
                COUNT,
                "narrative",
                new Text(20_000, false, false)),
            OWNER,
            Roles.APPLICANT,
            extra);
    return self[0];
  }

  private static Endpoint evaluation(UUID grant) {
    List<Supplier<Request>> extra = new ArrayList<>();
    Endpoint[] self = new Endpoint[1];
    for (String kind : List.of("annual", "INTERIM", "interim%20", "final%00")) {
      extra.add(
          () ->
              self[0].request(
                  "evaluation kind " + kind,
                  "/api/v1/grants/" + grant + "/evaluations/" + kind,
                  Map.of(),
                  "application/json",
                  Malformed.bytes(Malformed.object(Map.of("fiscalYear", START)))));
    }
    self[0] =
        lifecycle(
            "evaluations/interim",
            grant,
            Map.of("fiscalYear", START + 4),
            shape("fiscalYear", YEAR),
            "malformed-officer",
            Roles.PROGRAM_OFFICER,
            extra);
    return self[0];
  }

  private static Endpoint disbursement(UUID grant) {
    return lifecycle(
        "disbursement-requests",
        grant,
        Lifecycle.disbursement(),
        shape(
            "fiscalYear",
            YEAR,
            "amountYen",
            new Yen(1, 1_000_000_000_000L, true),
            "expenseCategory",
            new Choice(Arrays.stream(ExpenseCategory.values()).map(Enum::name).toList(), true),
            "purpose",
            new Text(2_000, false, false)),
        "malformed-finance",
        Roles.FINANCE,
        new ArrayList<>());
  }

  private static List<Supplier<Request>> badKeys(
      Endpoint[] self, String path, ObjectNode template) {
    List<Supplier<Request>> defects = new ArrayList<>();
    for (String key :
        List.of(
            "", "k".repeat(201), "has space", "cl\u00e9-cl\u00e9-cl\u00e9", "semi; colon; key")) {
      defects.add(
          () ->
              self[0].request(
                  "Idempotency-Key '" + Malformed.abbreviate(key) + "'",
                  path,
                  Map.of("Idempotency-Key", key),
                  "application/json",
                  Malformed.bytes(template)));
    }
    return defects;
  }

  /** The global index of the newest event in the event store (0 when it is empty). */
  private static long maxGlobalIndex() throws Exception {
    javax.sql.DataSource dataSource =
        io.quarkus.arc.Arc.container().instance(javax.sql.DataSource.class).get();
    try (var c = dataSource.getConnection();
        var statement = c.createStatement();
        var rs =
            statement.executeQuery(
                "SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, String> freshKey() {
    return Map.of("Idempotency-Key", "malformed-" + UUID.randomUUID());
  }

  /**
   * Waits until the read model has applied every stored event and the decision consumers have
   * nothing left to apply, so that rows counted are not still being written by the set-up.
   */
  private static void awaitQuiet() {
    Writes.awaitConsumed("grant-service-review-events", Topics.REVIEW_EVENTS);
    Writes.awaitConsumed("grant-service-ledger-events", Topics.LEDGER_EVENTS);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              long maxIndex = maxGlobalIndex();
              if (maxIndex == 0) {
                return; // nothing stored yet: nothing to project
              }
              List<Number> positions =
                  Api.as("malformed-admin", Roles.ADMIN)
                      .get("/api/v1/admin/projections/" + GrantProjection.PROCESSING_GROUP)
                      .then()
                      .statusCode(200)
                      .extract()
                      .path("segments.position");
              assertThat(positions)
                  .isNotEmpty()
                  .allSatisfy(
                      p ->
                          assertThat(p)
                              .isNotNull()
                              .extracting(Number::longValue)
                              .isEqualTo(maxIndex));
            });
  }
}
