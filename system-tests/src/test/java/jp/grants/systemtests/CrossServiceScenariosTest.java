package jp.grants.systemtests;

import static jp.grants.systemtests.Clients.eventually;
import static jp.grants.systemtests.Clients.id;
import static jp.grants.systemtests.Clients.plan;
import static jp.grants.systemtests.Clients.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.infra.audit.VerifierProcess;
import jp.grants.launcher.LocalSystem;
import jp.grants.launcher.LocalSystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three services together, as processes on a real PostgreSQL and a real Kafka broker: a
 * committee decision changes a grant, the ledger pays and refuses through the grant's own history,
 * and an auditor proves a WPI CORE grant's story from proposal to extension.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossServiceScenariosTest {
  private static final String PO = "po-jsps-7";
  private static final String ADMIN = "admin-1";
  private static final String FINANCE = "finance-jsps-7";
  private static final String AUDITOR = "auditor-boa-7";
  private static final String APPLICANT = "applicant-tohoku-7";

  private LocalSystem system;
  private Clients api;
  private Committees committees;

  @BeforeAll
  void startTheWholeSystem() {
    system =
        LocalSystem.start(
            LocalSystemConfig.isolated(
                ProjectFiles.root(),
                ProjectFiles.file("system-tests/target/cross-service"),
                Duration.ofSeconds(180)));
    api = new Clients(system);
    committees = Committees.register(api, "WPI", "WPI-CORE");
  }

  @AfterAll
  void stopTheWholeSystem() {
    if (system != null) {
      system.stop();
    }
  }

  private UUID submit(String program, int start, int years, long annual) {
    return id(
        api.grants(APPLICANT, "applicant")
            .body(proposal(program, start, years, annual, "Tohoku University"))
            .post("/api/v1/grants")
            .then()
            .statusCode(201)
            .extract()
            .path("grantId"));
  }

  private void step(UUID grant, String path, Object body) {
    api.grants(PO, "program-officer")
        .body(body)
        .post("/api/v1/grants/" + grant + "/" + path)
        .then()
        .statusCode(200);
  }

  /**
   * Waits for the review the grant event opened, checks the conflicted reviewer is refused, and has
   * it scored.
   */
  private String reviewAndScore(UUID grant, String kind) {
    String review = committees.opened(grant, kind);
    // Yuki Sato works at the host institution: the service detects the conflict and refuses her.
    api.reviews(PO, "program-officer")
        .body(Map.of("reviewerId", committees.reviewerId("rev-8")))
        .post("/api/v1/reviews/" + review + "/assignments")
        .then()
        .statusCode(409)
        .body("rule", equalTo("REVIEWER-CONFLICT"))
        .body("detail", containsString("Tohoku University"));
    committees.score(review);
    List<String> axes =
        api.reviews(PO, "program-officer")
            .get("/api/v1/reviews/" + review)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("axes.code", String.class);
    assertThat(axes).hasSize(8); // the WPI missions' eight axes
    return review;
  }

  @Test
  void shouldAwardAWpiCenterOnTheCommitteesDecision() {
    UUID grant = submit("WPI", 2027, 10, 650_000_000L);
    step(grant, "screening", Map.of("eligible", true, "note", "complete"));
    String review = reviewAndScore(grant, "SELECTION");
    api.reviews("rev-chair", "committee-chair")
        .body(Map.of("recommendation", "AWARD", "rationale", "world-leading"))
        .post("/api/v1/reviews/" + review + "/decision")
        .then()
        .statusCode(200);

    JsonPath state =
        eventually(
            api.grants(PO, "program-officer"),
            "/api/v1/grants/" + grant,
            json -> "ACTIVE".equals(json.getString("status")));
    assertThat(state.getLong("totalAwardedYen")).isEqualTo(6_500_000_000L);
    JsonPath history =
        api.grants(AUDITOR, "auditor").get("/api/v1/audit/grants/" + grant + "/events").jsonPath();
    assertThat(history.getString("events[2].type")).isEqualTo("jp.grants.grant.GrantAwarded");
    assertThat(history.getString("events[2].actor")).isEqualTo("rev-chair");
    assertThat(history.getString("events[2].data.reviewId")).isEqualTo(review);
  }

  /**
   * Issue 19 on the whole system: a WPI center proposed to an open call for proposals and awarded
   * by its committee (taking the call's one planned place) changes its director, is suspended
   * (grant-service and the ledger pay nothing meanwhile) and resumed, is graded S at its final
   * evaluation by a committee that checks conflicts against the new director, closes, and joins the
   * WPI Academy, where it reports and is found by the portfolio queries.
   */
  @Test
  void shouldCarryAWpiCenterFromACallThroughAChangeOfDirectorASuspensionClosureAndTheWpiAcademy() {
    // The call for proposals (公募) of FY2027, open today (Japan time), planning one new center.
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
    String call =
        api.grants(PO, "program-officer")
            .body(
                Map.of(
                    "programCode",
                    "WPI",
                    "fiscalYear",
                    2027,
                    "title",
                    "WPI FY2027 call " + UUID.randomUUID(),
                    "opensOn",
                    today.minusDays(7).toString(),
                    "closesOn",
                    today.plusDays(60).toString(),
                    "plannedAwards",
                    1))
            .post("/api/v1/calls")
            .then()
            .statusCode(201)
            .extract()
            .path("callId");
    Map<String, Object> proposal =
        new java.util.LinkedHashMap<>(proposal("WPI", 2027, 10, 650_000_000L, "Tohoku University"));
    proposal.put("callId", call);
    UUID grant =
        id(
            api.grants(APPLICANT, "applicant")
                .body(proposal)
                .post("/api/v1/grants")
                .then()
                .statusCode(201)
                .extract()
                .path("grantId"));
    step(grant, "screening", Map.of("eligible", true, "note", "complete"));
    committees.award(grant);
    eventually(
        api.grants(PO, "program-officer"),
        "/api/v1/grants/" + grant,
        json -> "ACTIVE".equals(json.getString("status")) && call.equals(json.getString("callId")));
    JsonPath fromCall =
        api.grants(PO, "program-officer")
            .get("/api/v1/calls/" + call)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(fromCall.getInt("proposals")).isEqualTo(1);
    assertThat(fromCall.getInt("awarded")).isEqualTo(1);

    step(
        grant,
        "principal-investigator",
        Map.of(
            "principalInvestigator",
            Map.of("name", "Hanako Ito", "institution", "Kyoto University", "country", "JP"),
            "effectiveDate",
            "2028-04-01",
            "reason",
            "the director retires"));

    step(grant, "suspension", Map.of("effectiveDate", "2029-06-01", "reason", "inquiry"));
    api.grants(FINANCE, "finance")
        .body(Map.of("fiscalYear", 2029, "amountYen", 1_000_000L, "expenseCategory", "PERSONNEL"))
        .post("/api/v1/grants/" + grant + "/disbursement-requests")
        .then()
        .statusCode(409)
        .body("rule", equalTo("GRANT-SUSPENDED"));
    Map<String, Object> payment =
        Map.of(
            "grantId",
            grant.toString(),
            "fiscalYear",
            2029,
            "amountYen",
            1_000_000L,
            "expenseCategory",
            "PERSONNEL");
    eventually(
        api.ledger(FINANCE, "finance"),
        "/api/v1/ledger/grants/" + grant,
        json -> "SUSPENDED".equals(json.getString("status")));
    api.ledger(FINANCE, "finance")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(payment)
        .post("/api/v1/ledger/disbursements")
        .then()
        .statusCode(409)
        .body("rule", equalTo("GRANT-SUSPENDED"));
    step(grant, "resumption", Map.of("effectiveDate", "2029-09-01", "reason", "inquiry closed"));

    step(grant, "evaluations/final", Map.of("fiscalYear", 2036));
    String finalReview = committees.opened(grant, "FINAL_EVALUATION");
    // Akiko Hamaguchi works at the new director's institution: review-service knows the change.
    api.reviews(PO, "program-officer")
        .body(Map.of("reviewerId", committees.reviewerId("rev-6")))
        .post("/api/v1/reviews/" + finalReview + "/assignments")
        .then()
        .statusCode(409)
        .body("rule", equalTo("REVIEWER-CONFLICT"))
        .body("detail", containsString("Kyoto University"));
    committees.decide(
        grant,
        "FINAL_EVALUATION",
        Map.of("recommendation", "GRADED", "grade", "S", "rationale", "world premier"));
    step(grant, "closure", Map.of("note", "funding completed"));
    step(
        grant,
        "world-premier-status",
        Map.of("effectiveDate", "2037-06-01", "reason", "the committee's finding"));
    api.grants(APPLICANT, "applicant")
        .body(
            Map.of(
                "fiscalYear",
                2037,
                "principalInvestigators",
                9,
                "researchers",
                80,
                "narrative",
                "the network's hub"))
        .post("/api/v1/grants/" + grant + "/academy-reports")
        .then()
        .statusCode(200);

    JsonPath state = api.grants(PO, "program-officer").get("/api/v1/grants/" + grant).jsonPath();
    assertThat(state.getString("status")).isEqualTo("ACADEMY");
    assertThat(state.getString("principalInvestigator.institution")).isEqualTo("Kyoto University");
    assertThat(state.getString("academy.finalEvaluationGrade")).isEqualTo("S");
    assertThat(state.getInt("academyReports.2037.researchers")).isEqualTo(80);
    eventually(
        api.grants(PO, "program-officer")
            .queryParam("status", "ACADEMY")
            .queryParam("pi", "Hanako Ito")
            .queryParam("size", 100),
        "/api/v1/grants",
        json -> json.getList("items.grantId").contains(grant.toString()));
    JsonPath portfolio =
        api.grants(AUDITOR, "auditor")
            .queryParam("program", "WPI")
            .get("/api/v1/grants/portfolio")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(portfolio.getList("findAll { it.status == 'ACADEMY' }.grants", Integer.class))
        .isNotEmpty()
        .allSatisfy(count -> assertThat(count).isPositive());

    JsonPath history =
        api.grants(AUDITOR, "auditor")
            .queryParam("size", 1000)
            .get("/api/v1/audit/grants/" + grant + "/events")
            .jsonPath();
    assertThat(history.getList("events.type", String.class))
        .containsSubsequence(
            "jp.grants.grant.GrantAwarded",
            "jp.grants.grant.PrincipalInvestigatorChanged",
            "jp.grants.grant.GrantSuspended",
            "jp.grants.grant.GrantResumed",
            "jp.grants.grant.FinalEvaluationCompleted",
            "jp.grants.grant.GrantClosed",
            "jp.grants.grant.WorldPremierStatusGranted",
            "jp.grants.grant.AcademyReportSubmitted");
    api.grants(AUDITOR, "auditor")
        .get("/api/v1/audit/grants/" + grant + "/verify")
        .then()
        .body("valid", equalTo(true));
  }

  /**
   * The review checks a committee's decision with the rules the grant will apply (the catalog's
   * Decisions): an AWARD above WPI CORE's cap before step-up is refused at the review, which stays
   * open, and the committee's next decision awards the grant.
   */
  @Test
  void shouldRefuseAnOverCapAwardAtTheReviewAndAwardOnTheCommitteesNextDecision() {
    UUID grant = submit("WPI-CORE", 2027, 10, 500_000_000L);
    step(grant, "screening", Map.of("eligible", true));
    String review = reviewAndScore(grant, "SELECTION");
    List<Map<String, Object>> overCap = new ArrayList<>(plan(2027, 10, 500_000_000L));
    overCap.set(0, Map.of("fiscalYear", 2027, "amountYen", 600_000_000L));
    api.reviews("rev-chair", "committee-chair")
        .body(Map.of("recommendation", "AWARD", "rationale", "generous", "allocations", overCap))
        .post("/api/v1/reviews/" + review + "/decision")
        .then()
        .statusCode(422)
        .body("rule", equalTo("STEP-UP-REQUIRES-PASSED-GATE"));
    api.reviews(PO, "program-officer")
        .get("/api/v1/reviews/" + review)
        .then()
        .body("status", equalTo("OPEN"));

    api.reviews("rev-chair", "committee-chair")
        .body(
            Map.of(
                "recommendation",
                "AWARD",
                "rationale",
                "within the cap",
                "allocations",
                plan(2027, 10, 500_000_000L)))
        .post("/api/v1/reviews/" + review + "/decision")
        .then()
        .statusCode(200);
    JsonPath state =
        eventually(
            api.grants(PO, "program-officer"),
            "/api/v1/grants/" + grant,
            json -> "ACTIVE".equals(json.getString("status")));
    assertThat(state.getLong("totalAwardedYen")).isEqualTo(5_000_000_000L);
    JsonPath refusals =
        api.grants(AUDITOR, "auditor")
            .queryParam("type", "CommitteeDecisionRefused")
            .get("/api/v1/audit/grants/" + grant + "/events")
            .jsonPath();
    assertThat(refusals.getList("events")).isEmpty();
  }

  @Test
  void shouldStepUpAWpiCoreCenterOnThePassedStageGateReview() {
    UUID grant = submit("WPI-CORE", 2026, 10, 500_000_000L);
    step(grant, "screening", Map.of("eligible", true));
    committees.award(grant);
    api.grants(APPLICANT, "applicant")
        .body(
            Map.of(
                "fiscalYear",
                2027,
                "principalInvestigators",
                8,
                "totalStaff",
                80,
                "researchers",
                60,
                "researchersFromAbroad",
                20,
                "narrative",
                "growing"))
        .post("/api/v1/grants/" + grant + "/follow-ups")
        .then()
        .statusCode(200);
    step(grant, "stage-gate", Map.of("fiscalYear", 2028, "scheduledOn", "2028-09-01"));
    String review = reviewAndScore(grant, "STAGE_GATE");
    api.reviews("rev-chair", "committee-chair")
        .body(
            Map.of(
                "recommendation",
                "PASS",
                "rationale",
                "ready",
                "allocations",
                plan(2029, 7, 700_000_000L)))
        .post("/api/v1/reviews/" + review + "/decision")
        .then()
        .statusCode(200);

    JsonPath state =
        eventually(
            api.grants(PO, "program-officer"),
            "/api/v1/grants/" + grant,
            json -> "STEP-UP".equals(json.getString("phase")));
    assertThat(state.getLong("totalAwardedYen")).isEqualTo(3 * 500_000_000L + 7 * 700_000_000L);
    eventually(
        api.ledger(FINANCE, "finance"),
        "/api/v1/ledger/grants/" + grant + "/fiscal-years/2029",
        json -> json.getLong("allocationYen") == 700_000_000L);
  }

  @Test
  void shouldPayAndRefuseThroughTheGrantsOwnHistory() {
    UUID grant = submit("SATREPS", 2030, 3, 35_000_000L);
    step(grant, "screening", Map.of("eligible", true));
    step(
        grant,
        "award",
        Map.of("reason", "selected with JICA")); // a program officer may award SATREPS directly
    eventually(
        api.ledger(FINANCE, "finance"),
        "/api/v1/ledger/grants/" + grant,
        json -> json.getLong("totalCapYen") > 0);

    String paid =
        api.grants(FINANCE, "finance")
            .body(
                Map.of(
                    "fiscalYear",
                    2030,
                    "amountYen",
                    20_000_000,
                    "expenseCategory",
                    "EQUIPMENT",
                    "purpose",
                    "field sensors"))
            .post("/api/v1/grants/" + grant + "/disbursement-requests")
            .then()
            .statusCode(200)
            .extract()
            .path("disbursementId");
    eventually(
        api.grants(FINANCE, "finance"),
        "/api/v1/grants/" + grant + "/disbursements",
        json -> "DISBURSED".equals(stateOf(json, paid)));
    api.ledger(FINANCE, "finance")
        .get("/api/v1/ledger/grants/" + grant + "/fiscal-years/2030")
        .then()
        .body("disbursedYen", equalTo(20_000_000))
        .body("headroomYen", equalTo(15_000_000));

    // The program's budget for FY2031 is cut below what the grant may still ask: the ledger
    // refuses.
    api.ledger(ADMIN, "admin")
        .body(Map.of("budgetYen", 10_000_000, "reason", "supplementary cut"))
        .put("/api/v1/ledger/programs/SATREPS/fiscal-years/2031/budget")
        .then()
        .statusCode(200);
    String refused =
        api.grants(FINANCE, "finance")
            .body(Map.of("fiscalYear", 2031, "amountYen", 20_000_000, "expenseCategory", "TRAVEL"))
            .post("/api/v1/grants/" + grant + "/disbursement-requests")
            .then()
            .statusCode(200)
            .extract()
            .path("disbursementId");
    eventually(
        api.grants(FINANCE, "finance"),
        "/api/v1/grants/" + grant + "/disbursements",
        json -> "REJECTED".equals(stateOf(json, refused)));
    JsonPath state =
        eventually(
            api.grants(FINANCE, "finance"),
            "/api/v1/grants/" + grant,
            json -> !json.getMap("openDisbursements").containsKey(refused));
    assertThat(state.getLong("disbursedYen")).isEqualTo(20_000_000L);
    JsonPath history =
        api.grants(AUDITOR, "auditor")
            .queryParam("type", "DisbursementRejected")
            .get("/api/v1/audit/grants/" + grant + "/events")
            .jsonPath();
    assertThat(history.getString("events[0].data.capLevel")).isEqualTo("PROGRAM_FISCAL_YEAR");
    assertThat(history.getLong("events[0].data.headroomYen")).isEqualTo(10_000_000L);
  }

  @Test
  void shouldLetAnAuditorProveAWpiCoreGrantsStory() throws Exception {
    UUID grant = submit("WPI-CORE", 2026, 10, 500_000_000L);
    step(grant, "screening", Map.of("eligible", true));
    // WPI CORE's committee decides the selection, the stage gate and the interim evaluation; a
    // program
    // officer's direct decision is refused.
    api.grants(PO, "program-officer")
        .body(Map.of("reason", "agreed by mail"))
        .post("/api/v1/grants/" + grant + "/award")
        .then()
        .statusCode(409)
        .body("rule", equalTo("DECISION-BY-COMMITTEE"));
    committees.award(grant);
    api.grants(APPLICANT, "applicant")
        .body(
            Map.of(
                "fiscalYear",
                2026,
                "principalInvestigators",
                7,
                "totalStaff",
                75,
                "researchers",
                50,
                "researchersFromAbroad",
                16))
        .post("/api/v1/grants/" + grant + "/follow-ups")
        .then()
        .statusCode(200);
    step(grant, "stage-gate", Map.of("fiscalYear", 2027, "scheduledOn", "2027-10-01"));
    Instant beforeStepUp = Instant.now();
    committees.decide(
        grant,
        "STAGE_GATE",
        Map.of(
            "recommendation",
            "PASS",
            "rationale",
            "ready",
            "allocations",
            plan(2028, 8, 700_000_000L)));
    for (int fiscalYear : new int[] {2027, 2028}) {
      for (long amount : new long[] {120_000_000L, 80_000_000L}) {
        api.grants(FINANCE, "finance")
            .body(
                Map.of(
                    "fiscalYear", fiscalYear, "amountYen", amount, "expenseCategory", "PERSONNEL"))
            .post("/api/v1/grants/" + grant + "/disbursement-requests")
            .then()
            .statusCode(200);
      }
    }
    eventually(
        api.grants(FINANCE, "finance"),
        "/api/v1/grants/" + grant,
        json -> json.getLong("disbursedYen") == 400_000_000L);
    step(grant, "evaluations/interim", Map.of("fiscalYear", 2030));
    committees.decide(
        grant,
        "INTERIM_EVALUATION",
        Map.of("recommendation", "GRADED", "grade", "S", "rationale", "excellent"));
    step(
        grant,
        "extension",
        Map.of("additionalYears", 2, "allocations", plan(2036, 2, 300_000_000L)));

    var auditor = api.grants(AUDITOR, "auditor");
    JsonPath history = auditor.get("/api/v1/audit/grants/" + grant + "/events").jsonPath();
    int total = history.getInt("total");
    assertThat(history.getList("events.actor", String.class)).doesNotContainNull();
    assertThat(history.getList("events.type", String.class))
        .contains(
            "jp.grants.grant.StageGatePassed",
            "jp.grants.grant.FundsDisbursed",
            "jp.grants.grant.GrantExtended");

    api.grants(AUDITOR, "auditor")
        .queryParam("asOf", beforeStepUp.atOffset(ZoneOffset.ofHours(9)).toString())
        .get("/api/v1/audit/grants/" + grant + "/state")
        .then()
        .statusCode(200)
        .body("state.phase", equalTo("INITIAL"))
        .body("state.stageGate.outcome", equalTo(null));
    api.grants(AUDITOR, "auditor")
        .get("/api/v1/audit/grants/" + grant + "/verify")
        .then()
        .body("valid", equalTo(true))
        .body("eventsChecked", equalTo(total));

    String export =
        api.grants(AUDITOR, "auditor")
            .accept("application/x-ndjson")
            .get("/api/v1/audit/grants/" + grant + "/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Path file = ProjectFiles.file("system-tests/target/audit-" + grant + ".ndjson");
    Files.writeString(file, export);
    assertThat(verifyOffline(file)).startsWith("OK: " + total + " events of 1 grant(s)");

    // The committee's side: review-service's decisions export, checked with its own key, and each
    // of the grant's three committee decisions (selection, stage gate, interim evaluation) linked
    // to the committee record it came from.
    Path decisions = decisionsExport(grant);
    Path reviewKey = ProjectFiles.file("system-tests/target/review-key-" + grant + ".json");
    Files.writeString(
        reviewKey,
        api.reviews(AUDITOR, "auditor")
            .get("/api/v1/audit/checkpoints/key")
            .then()
            .statusCode(200)
            .extract()
            .asString());
    assertThat(
            verifyOffline(
                file, "--committee", decisions.toString(), "--committee-key", reviewKey.toString()))
        .contains("OK: committee: 3 committee decision(s) linked to their records");
    // Another grant's decisions vouch for none of this grant's.
    UUID other = submit("WPI-CORE", 2026, 10, 500_000_000L);
    step(other, "screening", Map.of("eligible", true));
    committees.award(other);
    VerifierProcess.Run unlinked =
        runVerifier(file, "--committee", decisionsExport(other).toString());
    assertThat(unlinked.status()).as(unlinked.output()).isEqualTo(1);
    assertThat(unlinked.output())
        .contains("BAD: committee: GrantAwarded at sequence", "no committee record");

    for (int fiscalYear : new int[] {2027, 2028}) {
      eventually(
          api.grants(AUDITOR, "auditor")
              .queryParam("program", "WPI-CORE")
              .queryParam("fiscalYear", fiscalYear),
          "/api/v1/audit/reconciliation",
          json -> json.getInt("differences") == 0 && json.getInt("grantsChecked") > 0);
    }

    UUID injected = injectLedgerPaymentWithoutEvent(grant, 2028);
    JsonPath report =
        api.grants(AUDITOR, "auditor")
            .queryParam("program", "WPI-CORE")
            .queryParam("fiscalYear", 2028)
            .get("/api/v1/audit/reconciliation")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(report.getInt("differences")).isEqualTo(1);
    assertThat(
            report.getString("grants.find { it.grantId == '" + grant + "' }.differences[0].kind"))
        .isEqualTo("DISBURSEMENT_ONLY_IN_LEDGER");
    assertThat(
            report.getString("grants.find { it.grantId == '" + grant + "' }.differences[0].detail"))
        .contains(injected.toString());
  }

  private UUID injectLedgerPaymentWithoutEvent(UUID grant, int fiscalYear) throws Exception {
    UUID id = UUID.randomUUID();
    var postgres = system.postgres();
    try (Connection c =
            DriverManager.getConnection(
                postgres.jdbcUrl("grants_ledger"), postgres.username(), postgres.password());
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO disbursement (disbursement_id, grant_id, program_code,"
                    + " budget_pool, fiscal_year, amount_yen, expense_category, status, journal_entry_id, channel, actor,"
                    + " actor_role, answer_event_id, recorded_at) VALUES (?, ?, 'WPI-CORE', 'WPI', ?, 1000000, 'PERSONNEL',"
                    + " 'ACCEPTED', ?, 'REST', 'intruder', 'finance', ?, now())")) {
      insert.setObject(1, id);
      insert.setObject(2, grant);
      insert.setInt(3, fiscalYear);
      insert.setObject(4, UUID.randomUUID());
      insert.setString(5, "forged-" + id);
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
    return id;
  }

  /** review-service's export of a grant's committee decisions, in a file. */
  private Path decisionsExport(UUID grant) throws Exception {
    String decisions =
        api.reviews(AUDITOR, "auditor")
            .accept("application/x-ndjson")
            .get("/api/v1/audit/grants/" + grant + "/decisions/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return Files.writeString(
        ProjectFiles.file("system-tests/target/decisions-" + grant + ".ndjson"), decisions);
  }

  /** Runs the shipped verifier jar as an auditor would: no service, no database. */
  private static String verifyOffline(Path export, String... options) throws Exception {
    VerifierProcess.Run run = runVerifier(export, options);
    assertThat(run.status()).as(run.output()).isZero();
    return run.output();
  }

  private static VerifierProcess.Run runVerifier(Path export, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of(options));
    args.add(export.toString());
    return VerifierProcess.run(args.toArray(String[]::new));
  }

  /** The state of a disbursement in the grant's list of disbursements (the read model), or null. */
  private static String stateOf(JsonPath disbursements, String disbursementId) {
    return disbursements.getString(
        "items.find { it.disbursementId == '" + disbursementId + "' }.state");
  }
}
