package jp.grants.grant.security;

import static jp.grants.grant.security.Lifecycle.START;
import static jp.grants.infra.security.Matrix.roles;
import static jp.grants.infra.security.Matrix.rule;
import static jp.grants.platform.security.Roles.ADMIN;
import static jp.grants.platform.security.Roles.APPLICANT;
import static jp.grants.platform.security.Roles.AUDITOR;
import static jp.grants.platform.security.Roles.COMMITTEE_CHAIR;
import static jp.grants.platform.security.Roles.FINANCE;
import static jp.grants.platform.security.Roles.PROGRAM_OFFICER;
import static jp.grants.platform.security.Roles.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.grants.grant.Api;
import jp.grants.grant.query.GrantProjection;
import jp.grants.infra.security.AuthorizationMatrixContract;
import jp.grants.infra.security.Matrix.Call;
import jp.grants.infra.security.Matrix.Rule;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * The grant-service's role × operation matrix, checked operation by operation against the running
 * service and its OpenAPI document (see {@link Matrix}), on grants brought to each state through
 * the API.
 *
 * <p>Ownership: an applicant submits, reads, lists and reports on its own proposals and grants only
 * (another's is "not found"). Program officers run the lifecycle; finance reads and asks for
 * disbursements but cannot award; the auditor reads everything, including the audit trail, and
 * changes nothing; the administrator rebuilds read models and reads the catalog, and can neither
 * award nor disburse. The auditors' reconciliation reads the ledger: a stand-in answers for it
 * here.
 */
@QuarkusTest
@QuarkusTestResource(value = LedgerStub.class, restrictToAnnotatedClass = true)
class AuthorizationMatrixTest extends AuthorizationMatrixContract {
  private static final String OWNER = "matrix-applicant";
  private static final String OTHER = "matrix-other-applicant";
  private static final Set<String> READERS = roles(APPLICANT, PROGRAM_OFFICER, FINANCE, AUDITOR);
  private static final Set<String> EVERYONE = Set.copyOf(Roles.ALL);
  private static final String GRANTS = "/api/v1/grants/";

  static final List<Rule> RULES =
      List.of(
          rule(
              "POST /api/v1/grants",
              roles(APPLICANT),
              role ->
                  Call.post(
                      caller(role),
                      "/api/v1/grants",
                      Lifecycle.proposal("WPI", "Kyoto University"))),
          rule(
                  "GET /api/v1/grants",
                  READERS,
                  role -> {
                    String institution = "Own Institute " + UUID.randomUUID();
                    UUID own = Lifecycle.proposed(OWNER, "WPI", institution);
                    awaitListed(institution, own);
                    return Call.get(caller(role), "/api/v1/grants?institution=" + institution)
                        .then(r -> r.body("items.grantId", hasItem(own.toString())));
                  })
              .listsOnlyOwn(
                  Set.of(APPLICANT),
                  role -> {
                    String institution = "Other Institute " + UUID.randomUUID();
                    awaitListed(institution, Lifecycle.proposed(OTHER, "WPI", institution));
                    return Call.get(caller(role), "/api/v1/grants?institution=" + institution)
                        .then(r -> r.body("items", empty()));
                  }),
          rule(
                  "GET /api/v1/grants/{id}",
                  READERS,
                  role ->
                      Call.get(caller(role), GRANTS + Lifecycle.proposed(OWNER, "WPI"))
                          .then(r -> r.body("applicantId", equalTo(OWNER))))
              .ownedBy(
                  Set.of(APPLICANT),
                  role -> Call.get(caller(role), GRANTS + Lifecycle.proposed(OTHER, "WPI"))),
          rule(
                  "GET /api/v1/grants/{id}/disbursements",
                  READERS,
                  role ->
                      Call.get(
                              caller(role),
                              GRANTS + Lifecycle.proposed(OWNER, "WPI") + "/disbursements")
                          .then(r -> r.body("total", equalTo(0))))
              .ownedBy(
                  Set.of(APPLICANT),
                  role ->
                      Call.get(
                          caller(role),
                          GRANTS + Lifecycle.proposed(OTHER, "WPI") + "/disbursements")),
          step(
              "screening",
              role -> Lifecycle.proposed(OWNER, "WPI"),
              Map.of("eligible", true, "note", "complete")),
          // A program officer's direct decision, where the catalog allows one (ASPIRE), with its
          // reason.
          step(
              "award",
              role -> Lifecycle.screened(OWNER, "ASPIRE"),
              Map.of("reason", Api.DIRECT_REASON)),
          step(
              "decline",
              role -> Lifecycle.screened(OWNER, "ASPIRE"),
              Map.of("reason", "not this time")),
          rule(
                  "POST /api/v1/grants/{id}/follow-ups",
                  roles(APPLICANT, PROGRAM_OFFICER),
                  role ->
                      Call.post(
                          caller(role),
                          GRANTS + Lifecycle.active(OWNER, "WPI") + "/follow-ups",
                          Lifecycle.followUp()))
              .ownedBy(
                  Set.of(APPLICANT),
                  role ->
                      Call.post(
                          caller(role),
                          GRANTS + Lifecycle.active(OTHER, "WPI") + "/follow-ups",
                          Lifecycle.followUp())),
          step("stage-gate", role -> Lifecycle.readyForStageGate(OWNER), Lifecycle.stageGate()),
          // Only WPI CORE has a stage gate, and only its committee decides it: a program officer
          // passes the
          // authorization and is refused by the rule.
          rule(
                  "POST /api/v1/grants/{id}/stage-gate/decision",
                  roles(PROGRAM_OFFICER),
                  role ->
                      Call.post(
                              caller(role),
                              GRANTS + Lifecycle.stageGateScheduled(OWNER) + "/stage-gate/decision",
                              Map.of("outcome", "PASSED", "reason", Api.DIRECT_REASON))
                          .then(r -> r.body("rule", equalTo("DECISION-BY-COMMITTEE"))))
              .refusedByRule(409),
          rule(
              "POST /api/v1/grants/{id}/evaluations/{kind}",
              roles(PROGRAM_OFFICER),
              role ->
                  Call.post(
                      caller(role),
                      GRANTS + Lifecycle.active(OWNER, "WPI") + "/evaluations/interim",
                      Map.of("fiscalYear", START + 4))),
          rule(
              "POST /api/v1/grants/{id}/evaluations/{kind}/result",
              roles(PROGRAM_OFFICER),
              role ->
                  Call.post(
                      caller(role),
                      GRANTS
                          + Lifecycle.interimScheduled(OWNER, "ASPIRE")
                          + "/evaluations/interim/result",
                      Map.of("grade", "A", "summary", "on track"))),
          step("extension", role -> Lifecycle.interimGraded(OWNER), Lifecycle.extension()),
          step(
              "termination",
              role -> Lifecycle.active(OWNER, "WPI"),
              Map.of("lastFiscalYear", START, "reason", "the center dissolved")),
          step("closure", role -> Lifecycle.active(OWNER, "WPI"), Map.of("note", "completed")),
          step("suspension", role -> Lifecycle.active(OWNER, "WPI"), Lifecycle.suspension()),
          step(
              "resumption",
              role -> Lifecycle.suspended(OWNER),
              Map.of("effectiveDate", START + 1 + "-01-15", "reason", "PI back")),
          step(
              "principal-investigator",
              role -> Lifecycle.active(OWNER, "WPI"),
              Map.of(
                  "principalInvestigator",
                  Map.of("name", "Taro Sato", "institution", "Osaka University", "country", "JP"),
                  "effectiveDate",
                  START + 1 + "-04-01",
                  "reason",
                  "retired")),
          step(
              "host-institutions",
              role -> Lifecycle.active(OWNER, "WPI"),
              Map.of(
                  "hostInstitutions",
                  List.of("Nagoya University"),
                  "effectiveDate",
                  START + 1 + "-04-01",
                  "reason",
                  "moved")),
          step(
              "no-cost-extension",
              role -> Lifecycle.active(OWNER, "WPI"),
              Map.of("additionalYears", 1, "reason", "delayed")),
          step(
              "world-premier-status",
              role -> Lifecycle.closedGradedS(OWNER),
              Lifecycle.worldPremierStatus()),
          step(
              "world-premier-status/withdrawal",
              role -> Lifecycle.academy(OWNER),
              Map.of("effectiveDate", START + 12 + "-04-01", "reason", "declined")),
          rule(
                  "POST /api/v1/grants/{id}/academy-reports",
                  roles(APPLICANT, PROGRAM_OFFICER),
                  role ->
                      Call.post(
                          caller(role),
                          GRANTS + Lifecycle.academy(OWNER) + "/academy-reports",
                          Lifecycle.academyReport()))
              .ownedBy(
                  Set.of(APPLICANT),
                  role ->
                      Call.post(
                          caller(role),
                          GRANTS + Lifecycle.academy(OTHER) + "/academy-reports",
                          Lifecycle.academyReport())),
          rule(
              "POST /api/v1/calls",
              roles(PROGRAM_OFFICER),
              role -> Call.post(caller(role), "/api/v1/calls", callBody())),
          rule(
              "GET /api/v1/calls",
              READERS,
              role -> Call.get(caller(role), "/api/v1/calls?program=SATREPS")),
          rule(
              "GET /api/v1/calls/{id}",
              READERS,
              role -> Call.get(caller(role), "/api/v1/calls/" + openCall())),
          rule(
              "GET /api/v1/calls/{id}/history",
              roles(PROGRAM_OFFICER, AUDITOR),
              role -> Call.get(caller(role), "/api/v1/calls/" + openCall() + "/history")),
          rule(
              "POST /api/v1/calls/{id}/planned-awards",
              roles(PROGRAM_OFFICER),
              role ->
                  Call.post(
                      caller(role),
                      "/api/v1/calls/" + openCall() + "/planned-awards",
                      Map.of("plannedAwards", 11, "reason", "one more of equal merit"))),
          rule(
              "POST /api/v1/calls/{id}/closure",
              roles(PROGRAM_OFFICER),
              role ->
                  Call.post(
                      caller(role),
                      "/api/v1/calls/" + openCall() + "/closure",
                      Map.of("reason", "closed early"))),
          rule(
              "GET /api/v1/grants/portfolio",
              roles(PROGRAM_OFFICER, FINANCE, AUDITOR),
              role -> Call.get(caller(role), "/api/v1/grants/portfolio?program=WPI")),
          step(
              "catalog-migration",
              role -> Lifecycle.active(OWNER, "WPI"),
              Map.of("toVersion", "2026.12.1", "reason", "the rules as first published")),
          rule(
              "POST /api/v1/grants/{id}/disbursement-requests",
              roles(FINANCE),
              role ->
                  Call.post(
                      caller(role),
                      GRANTS + Lifecycle.active(OWNER, "WPI") + "/disbursement-requests",
                      Lifecycle.disbursement())),
          rule(
              "GET /api/v1/programs", EVERYONE, role -> Call.get(caller(role), "/api/v1/programs")),
          rule(
              "GET /api/v1/programs/{code}",
              EVERYONE,
              role -> Call.get(caller(role), "/api/v1/programs/WPI-CORE")),
          audit(
              "GET /api/v1/audit/grants/{id}/events",
              grant -> "/api/v1/audit/grants/" + grant + "/events"),
          audit(
              "GET /api/v1/audit/grants/{id}/state",
              grant -> "/api/v1/audit/grants/" + grant + "/state?atSequence=0"),
          audit(
              "GET /api/v1/audit/grants/{id}/verify",
              grant -> "/api/v1/audit/grants/" + grant + "/verify"),
          audit(
              "GET /api/v1/audit/grants/{id}/export",
              grant -> "/api/v1/audit/grants/" + grant + "/export"),
          audit(
              "GET /api/v1/audit/export",
              grant -> "/api/v1/audit/export?program=WPI&fiscalYear=" + START),
          audit(
              "GET /api/v1/audit/reconciliation",
              grant -> "/api/v1/audit/reconciliation?program=WPI&fiscalYear=" + START),
          audit(
              "GET /api/v1/audit/grants/{id}/reconciliation",
              grant -> "/api/v1/audit/grants/" + grant + "/reconciliation"),
          rule(
              "POST /api/v1/audit/checkpoints",
              roles(AUDITOR),
              role -> Call.post(caller(role), "/api/v1/audit/checkpoints", null)),
          checkpoints("GET /api/v1/audit/checkpoints", index -> "/api/v1/audit/checkpoints"),
          checkpoints(
              "GET /api/v1/audit/checkpoints/latest", index -> "/api/v1/audit/checkpoints/latest"),
          checkpoints(
              "GET /api/v1/audit/checkpoints/{index}",
              index -> "/api/v1/audit/checkpoints/" + index),
          checkpoints(
              "GET /api/v1/audit/checkpoints/key", index -> "/api/v1/audit/checkpoints/key"),
          checkpoints(
              "GET /api/v1/audit/checkpoints/consistency",
              index -> "/api/v1/audit/checkpoints/consistency?from=0&to=" + index),
          rule(
              "GET /api/v1/admin/projections/{name}",
              roles(ADMIN),
              role ->
                  Call.get(
                      caller(role),
                      "/api/v1/admin/projections/" + GrantProjection.PROCESSING_GROUP)),
          rule(
              "POST /api/v1/admin/projections/{name}/rebuild",
              roles(ADMIN),
              role ->
                  Call.post(
                      caller(role),
                      "/api/v1/admin/projections/" + GrantProjection.PROCESSING_GROUP + "/rebuild",
                      null)));

  @Override
  protected List<Rule> rules() {
    return RULES;
  }

  @Test
  void shouldLetNoRoleDoWhatItDoesNotNeed() {
    for (Rule rule : RULES) {
      String operation = rule.operation();
      if (operation.endsWith("/award")) {
        assertThat(rule.roles()).as("only program officers award").containsExactly(PROGRAM_OFFICER);
      }
      if (operation.endsWith("/disbursement-requests")) {
        assertThat(rule.roles()).as("only finance asks for money").containsExactly(FINANCE);
      }
      if (!operation.startsWith("GET /api/v1/programs") && !operation.contains("/admin/")) {
        assertThat(rule.roles())
            .as("administrators keep catalogs and read models only: " + operation)
            .doesNotContain(ADMIN);
        assertThat(rule.roles())
            .as("reviewers and chairs work in the review-service: " + operation)
            .doesNotContain(REVIEWER, COMMITTEE_CHAIR);
      }
      if (operation.contains("/audit/")) {
        assertThat(rule.roles()).as("the audit trail is the auditors'").containsExactly(AUDITOR);
      }
    }
  }

  // ---------------------------------------------------------------- fixtures

  private static String caller(String role) {
    return role.equals(APPLICANT) ? OWNER : "matrix-" + role;
  }

  /** A lifecycle step only program officers take, on a grant in the state the step needs. */
  private static Rule step(
      String step, java.util.function.Function<String, UUID> grantFor, Object body) {
    String path = "POST /api/v1/grants/{id}/" + step;
    return rule(
        path,
        roles(PROGRAM_OFFICER),
        role -> Call.post(caller(role), GRANTS + grantFor.apply(role) + "/" + step, body));
  }

  private static Rule audit(String operation, java.util.function.Function<UUID, String> path) {
    return rule(
        operation,
        roles(AUDITOR),
        role -> Call.get(caller(role), path.apply(Lifecycle.active(OWNER, "WPI"))));
  }

  private static Map<String, Object> callBody() {
    java.time.LocalDate today = java.time.LocalDate.now(jp.grants.contracts.FiscalYears.JAPAN);
    return Map.of(
        "programCode",
        "SATREPS",
        "fiscalYear",
        START,
        "title",
        "SATREPS call " + UUID.randomUUID(),
        "opensOn",
        today.minusDays(1).toString(),
        "closesOn",
        today.plusDays(30).toString(),
        "plannedAwards",
        10);
  }

  /** A call a program officer opened. */
  private static String openCall() {
    return Api.officer()
        .body(callBody())
        .post("/api/v1/calls")
        .then()
        .statusCode(201)
        .extract()
        .path("callId");
  }

  /** An auditor's read of the checkpoint log, once a checkpoint exists. */
  private static Rule checkpoints(String operation, java.util.function.LongFunction<String> path) {
    return jp.grants.infra.security.Matrix.checkpointRead(
        operation, AuthorizationMatrixTest::caller, path);
  }

  /** Waits until the read model lists the grant under the institution (to a program officer). */
  private static void awaitListed(String institution, UUID grant) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                Api.officer()
                    .queryParam("institution", institution)
                    .get("/api/v1/grants")
                    .then()
                    .statusCode(200)
                    .body("items.grantId", everyItem(equalTo(grant.toString())))
                    .body("items.grantId", hasItem(grant.toString())));
  }
}
