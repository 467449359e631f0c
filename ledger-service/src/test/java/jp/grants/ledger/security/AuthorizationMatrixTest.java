package jp.grants.ledger.security;

import static jp.grants.infra.security.Matrix.roles;
import static jp.grants.infra.security.Matrix.rule;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static jp.grants.platform.security.Roles.ADMIN;
import static jp.grants.platform.security.Roles.APPLICANT;
import static jp.grants.platform.security.Roles.AUDITOR;
import static jp.grants.platform.security.Roles.FINANCE;
import static jp.grants.platform.security.Roles.PROGRAM_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;
import jp.grants.infra.JwtKeys;
import jp.grants.infra.security.AuthorizationMatrixContract;
import jp.grants.infra.security.Matrix.Call;
import jp.grants.infra.security.Matrix.Rule;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger's role × operation matrix, checked operation by operation against the running service
 * and its OpenAPI document (see {@link Matrix}). Grants reach the ledger as real GrantAwarded
 * events on the broker; disbursements and budgets are made through the API.
 *
 * <p>The ledger does not know who owns a grant, so reviewers and chairs are not admitted at all and
 * applicants only to carry-overs and refunds (issue 14: the recipient asks for them; that the
 * applicant is the grant's is for the grant-service and the gateway to check); finance disburses,
 * only an administrator sets budgets and funds, everyone else reads.
 */
@QuarkusTest
class AuthorizationMatrixTest extends AuthorizationMatrixContract {
  /** No other test uses this pool; its FY2023 budget (2,611,000,000 yen) comes from the catalog. */
  private static final String PROGRAM = "JSPS-OVERSEAS-FELLOWSHIP";

  private static final int FY = 2023;

  /** A pool and year no other test touches, for the budget override. */
  private static final String BUDGET_PATH =
      "/api/v1/ledger/programs/JSPS-INTERNATIONAL-FELLOWSHIP/fiscal-years/2095/budget";

  private static final Set<String> READERS = roles(FINANCE, PROGRAM_OFFICER, AUDITOR);

  /** Carry-overs and refunds: asked for by the recipient, finance or a program officer. */
  private static final Set<String> MOVERS = roles(FINANCE, APPLICANT, PROGRAM_OFFICER);

  private static final Set<String> MOVEMENT_READERS =
      roles(FINANCE, APPLICANT, PROGRAM_OFFICER, AUDITOR);

  /** ASPIRE draws on a fund: its money moves to the next year on request, by any of the MOVERS. */
  private static final String MONEY_PROGRAM = "ASPIRE";

  private static final int MONEY_FY = 2024;

  private static GrantEventsProducer producer;
  private static UUID grant;
  private static UUID disbursement;
  private static UUID moneyGrant;
  private static UUID carryOver;
  private static UUID refund;

  @BeforeAll
  static void connect() {
    producer = new GrantEventsProducer();
  }

  @AfterAll
  static void disconnect() {
    producer.close();
  }

  static final List<Rule> RULES =
      List.of(
          rule(
              "POST /api/v1/ledger/disbursements", roles(FINANCE), role -> disburse(subject(role))),
          rule(
              "GET /api/v1/ledger/disbursements/{disbursementId}",
              READERS,
              role -> Call.get(subject(role), "/api/v1/ledger/disbursements/" + disbursement())),
          rule(
              "GET /api/v1/ledger/grants/{grantId}",
              READERS,
              role -> Call.get(subject(role), "/api/v1/ledger/grants/" + grant())),
          rule(
              "GET /api/v1/ledger/grants/{grantId}/fiscal-years/{fiscalYear}",
              READERS,
              role ->
                  Call.get(
                      subject(role), "/api/v1/ledger/grants/" + grant() + "/fiscal-years/" + FY)),
          rule(
              "GET /api/v1/ledger/grants/{grantId}/journal",
              READERS,
              role -> Call.get(subject(role), "/api/v1/ledger/grants/" + grant() + "/journal")),
          rule(
              "GET /api/v1/audit/ledger/grants/{grantId}/journal",
              roles(AUDITOR),
              role ->
                  Call.get(subject(role), "/api/v1/audit/ledger/grants/" + grant() + "/journal")),
          rule(
              "GET /api/v1/audit/ledger/grants/{grantId}/journal/verify",
              roles(AUDITOR),
              role ->
                  Call.get(
                      subject(role), "/api/v1/audit/ledger/grants/" + grant() + "/journal/verify")),
          rule(
              "GET /api/v1/audit/ledger/pools/{pool}/journal",
              roles(AUDITOR),
              role -> Call.get(subject(role), poolJournal("")).then(r -> r.statusCode(200))),
          rule(
              "GET /api/v1/audit/ledger/pools/{pool}/journal/verify",
              roles(AUDITOR),
              role -> Call.get(subject(role), poolJournal("/verify"))),
          rule(
              "GET /api/v1/audit/ledger/pools/{pool}/journal/export",
              roles(AUDITOR),
              role ->
                  Call.get(subject(role), poolJournal("/export"))
                      .then(r -> r.body(containsString("{\"exportProof\":")))),
          rule(
              "GET /api/v1/audit/ledger/grants/{grantId}/journal/export",
              roles(AUDITOR),
              role ->
                  Call.get(
                          subject(role),
                          "/api/v1/audit/ledger/grants/" + grant() + "/journal/export")
                      .then(r -> r.body(containsString("{\"exportProof\":")))),
          rule(
              "GET /api/v1/ledger/programs/{code}/fiscal-years/{fiscalYear}",
              READERS,
              role ->
                  Call.get(
                      subject(role), "/api/v1/ledger/programs/" + PROGRAM + "/fiscal-years/" + FY)),
          rule(
              "GET /api/v1/ledger/programs/{code}/fiscal-years/{fiscalYear}/grants",
              READERS,
              role ->
                  Call.get(
                      subject(role),
                      "/api/v1/ledger/programs/" + PROGRAM + "/fiscal-years/" + FY + "/grants")),
          rule(
              "PUT /api/v1/ledger/programs/{code}/fiscal-years/{fiscalYear}/budget",
              roles(ADMIN),
              role ->
                  Call.put(
                      subject(role),
                      BUDGET_PATH,
                      Map.of("budgetYen", 900_000_000L, "reason", "matrix check"))),
          rule(
              "GET /api/v1/ledger/fiscal-years/{fiscalYear}/summary",
              READERS,
              role -> Call.get(subject(role), "/api/v1/ledger/fiscal-years/" + FY + "/summary")),
          rule(
              "GET /api/v1/ledger/programs/{code}",
              READERS,
              role -> Call.get(subject(role), "/api/v1/ledger/programs/" + MONEY_PROGRAM)),
          // ASPIRE-AMED: a fund no program draws on; set to its catalog total, so nothing changes.
          rule(
              "PUT /api/v1/ledger/programs/{code}/fund",
              roles(ADMIN),
              role ->
                  Call.put(
                      subject(role),
                      "/api/v1/ledger/programs/ASPIRE-AMED/fund",
                      Map.of("totalYen", 6_050_000_000L, "reason", "matrix check"))),
          rule(
              "POST /api/v1/ledger/grants/{grantId}/carry-overs",
              MOVERS,
              role -> carryOver(subject(role))),
          rule(
              "GET /api/v1/ledger/grants/{grantId}/carry-overs",
              MOVEMENT_READERS,
              role ->
                  Call.get(
                      subject(role), "/api/v1/ledger/grants/" + moneyGrant() + "/carry-overs")),
          rule(
              "GET /api/v1/ledger/grants/{grantId}/carry-overs/{carryOverId}",
              MOVEMENT_READERS,
              role ->
                  Call.get(
                      subject(role),
                      "/api/v1/ledger/grants/" + moneyGrant() + "/carry-overs/" + carryOverId())),
          rule(
              "POST /api/v1/ledger/grants/{grantId}/refunds",
              MOVERS,
              role -> refund(subject(role), role)),
          rule(
              "GET /api/v1/ledger/grants/{grantId}/refunds",
              MOVEMENT_READERS,
              role ->
                  Call.get(subject(role), "/api/v1/ledger/grants/" + moneyGrant() + "/refunds")),
          rule(
              "GET /api/v1/ledger/grants/{grantId}/refunds/{refundId}",
              MOVEMENT_READERS,
              role ->
                  Call.get(
                      subject(role),
                      "/api/v1/ledger/grants/" + moneyGrant() + "/refunds/" + refundId())),
          // Annual reports, settlement and reconciliation (issue 14). The ledger does not know
          // owners: an
          // applicant may report on any grant (grant-service, which knows them, fronts applicants).
          rule(
              "POST /api/v1/ledger/grants/{grantId}/annual-reports",
              roles(APPLICANT, FINANCE),
              role ->
                  Call.post(
                          subject(role),
                          "/api/v1/ledger/grants/" + freshGrant() + "/annual-reports",
                          Map.of("fiscalYear", FY, "spending", List.of()))
                      .header("Idempotency-Key", UUID.randomUUID().toString())),
          rule(
              "POST /api/v1/ledger/grants/{grantId}/annual-reports/{fiscalYear}/approval",
              roles(PROGRAM_OFFICER),
              role ->
                  Call.post(
                      subject(role),
                      "/api/v1/ledger/grants/"
                          + reportAwaitingApproval()
                          + "/annual-reports/"
                          + FY
                          + "/approval",
                      Map.of("reason", "matrix check"))),
          rule(
              "GET /api/v1/ledger/grants/{grantId}/annual-reports",
              READERS,
              role ->
                  Call.get(
                      subject(role), "/api/v1/ledger/grants/" + reported() + "/annual-reports")),
          rule(
              "GET /api/v1/ledger/grants/{grantId}/annual-reports/{fiscalYear}",
              READERS,
              role ->
                  Call.get(
                      subject(role),
                      "/api/v1/ledger/grants/" + reported() + "/annual-reports/" + FY)),
          rule(
              "POST /api/v1/ledger/grants/{grantId}/settlement",
              roles(FINANCE, PROGRAM_OFFICER),
              role ->
                  Call.post(
                      subject(role),
                      "/api/v1/ledger/grants/" + freshGrant() + "/settlement",
                      null)),
          rule(
              "GET /api/v1/ledger/grants/{grantId}/settlement",
              READERS,
              role ->
                  Call.get(subject(role), "/api/v1/ledger/grants/" + settled() + "/settlement")),
          rule(
              "GET /api/v1/ledger/grants/{grantId}/reconciliation",
              roles(AUDITOR, FINANCE, PROGRAM_OFFICER, ADMIN),
              role ->
                  Call.get(subject(role), "/api/v1/ledger/grants/" + grant() + "/reconciliation")),
          rule(
              "GET /api/v1/ledger/programs/{code}/fiscal-years/{fiscalYear}/reconciliation.csv",
              roles(FINANCE, AUDITOR, ADMIN),
              role ->
                  Call.get(
                      subject(role),
                      "/api/v1/ledger/programs/"
                          + PROGRAM
                          + "/fiscal-years/"
                          + FY
                          + "/reconciliation.csv")),
          rule(
              "POST /api/v1/audit/ledger/checkpoints",
              roles(AUDITOR),
              role -> Call.post(subject(role), "/api/v1/audit/ledger/checkpoints", null)),
          checkpointRead(
              "GET /api/v1/audit/ledger/checkpoints", index -> "/api/v1/audit/ledger/checkpoints"),
          checkpointRead(
              "GET /api/v1/audit/ledger/checkpoints/latest",
              index -> "/api/v1/audit/ledger/checkpoints/latest"),
          checkpointRead(
              "GET /api/v1/audit/ledger/checkpoints/{index}",
              index -> "/api/v1/audit/ledger/checkpoints/" + index),
          checkpointRead(
              "GET /api/v1/audit/ledger/checkpoints/key",
              index -> "/api/v1/audit/ledger/checkpoints/key"),
          checkpointRead(
              "GET /api/v1/audit/ledger/checkpoints/consistency",
              index -> "/api/v1/audit/ledger/checkpoints/consistency?from=0&to=" + index));

  /**
   * A read of the ledger-service's signed checkpoint log, the auditor's alone: made once a
   * checkpoint exists (the auditor takes one), on the path for its index.
   */
  private static Rule checkpointRead(String operation, LongFunction<String> path) {
    return rule(
        operation,
        roles(AUDITOR),
        role -> {
          long index =
              Call.post(subject(AUDITOR), "/api/v1/audit/ledger/checkpoints", null)
                  .as(AUDITOR)
                  .statusCode(201)
                  .extract()
                  .<Integer>path("index");
          return Call.get(subject(role), path.apply(index));
        });
  }

  @Override
  protected List<Rule> rules() {
    return RULES;
  }

  @Test
  void shouldLetNoRoleChangeWhatItDoesNotNeedTo() {
    for (Rule rule : RULES) {
      assertThat(rule.roles())
          .as("the ledger does not know owners: " + rule.operation())
          .doesNotContain(Roles.REVIEWER, Roles.COMMITTEE_CHAIR);
      if (!rule.operation().contains("/carry-overs")
          && !rule.operation().contains("/refunds")
          && !rule.operation().equals("POST /api/v1/ledger/grants/{grantId}/annual-reports")) {
        // The recipient asks for carry-overs, returns money and reports its spending (issue 14);
        // nothing else.
        assertThat(rule.roles())
            .as("applicants only move money and report spending: " + rule.operation())
            .doesNotContain(Roles.APPLICANT);
      }
      if (rule.operation().startsWith("POST /api/v1/ledger/disbursements")) {
        assertThat(rule.roles()).as("only finance pays").containsExactly(FINANCE);
      }
    }
  }

  private static String subject(String role) {
    return "matrix-" + role;
  }

  /**
   * An active grant with 6,000,000 yen a year in FY2023 and FY2024, awarded through grant-events.
   */
  private static synchronized UUID grant() {
    if (grant == null) {
      grant =
          Awards.publish(
                  producer, award(PROGRAM, 12_000_000L, fy(FY, 6_000_000L), fy(FY + 1, 6_000_000L)))
              .grantId();
    }
    return grant;
  }

  /** A grant of its own for a call that may be made once per grant (a report, a settlement). */
  private static UUID freshGrant() {
    return Awards.publish(producer, award(PROGRAM, 6_000_000L, fy(FY, 6_000_000L))).grantId();
  }

  /**
   * A report that moved 4,000,000 yen of STAY money to TRAVEL: beyond the free limit of 3,000,000.
   */
  private static UUID reportAwaitingApproval() {
    UUID grantId = freshGrant();
    Call.post(
            "matrix-setup",
            "/api/v1/ledger/disbursements",
            Map.of(
                "grantId",
                grantId.toString(),
                "fiscalYear",
                FY,
                "amountYen",
                4_000_000L,
                "expenseCategory",
                "STAY",
                "purpose",
                "matrix check"))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .as(FINANCE)
        .statusCode(201);
    Call.post(
            "matrix-setup",
            "/api/v1/ledger/grants/" + grantId + "/annual-reports",
            Map.of(
                "fiscalYear",
                FY,
                "spending",
                List.of(Map.of("category", "TRAVEL", "amountYen", 4_000_000L))))
        .as(FINANCE)
        .statusCode(202);
    return grantId;
  }

  private static UUID reported;
  private static UUID settled;

  private static synchronized UUID reported() {
    if (reported == null) {
      reported = freshGrant();
      Call.post(
              "matrix-setup",
              "/api/v1/ledger/grants/" + reported + "/annual-reports",
              Map.of("fiscalYear", FY, "spending", List.of()))
          .as(FINANCE)
          .statusCode(201);
    }
    return reported;
  }

  /** FY2023 is over by the ledger's clock: a grant with no money settles at once. */
  private static synchronized UUID settled() {
    if (settled == null) {
      settled = freshGrant();
      Call.post("matrix-setup", "/api/v1/ledger/grants/" + settled + "/settlement", null)
          .as(FINANCE)
          .statusCode(201);
    }
    return settled;
  }

  private static Call disburse(String subject) {
    return Call.post(
            subject,
            "/api/v1/ledger/disbursements",
            Map.of(
                "grantId",
                grant().toString(),
                "fiscalYear",
                FY,
                "amountYen",
                10_000L,
                "expenseCategory",
                "TRAVEL",
                "purpose",
                "matrix check"))
        .header("Idempotency-Key", UUID.randomUUID().toString());
  }

  private static synchronized UUID disbursement() {
    if (disbursement == null) {
      String id =
          disburse("matrix-setup").as(FINANCE).statusCode(201).extract().path("disbursementId");
      disbursement = UUID.fromString(id);
    }
    return disbursement;
  }

  /** An ASPIRE grant (fund) with 5,000,000 yen in FY2024 and FY2025, 1,000,000 paid in FY2024. */
  private static synchronized UUID moneyGrant() {
    if (moneyGrant == null) {
      moneyGrant =
          Awards.publish(
                  producer,
                  award(
                      MONEY_PROGRAM,
                      10_000_000L,
                      fy(MONEY_FY, 5_000_000L),
                      fy(MONEY_FY + 1, 5_000_000L)))
              .grantId();
      Call.post(
              "matrix-setup",
              "/api/v1/ledger/disbursements",
              Map.of(
                  "grantId",
                  moneyGrant.toString(),
                  "fiscalYear",
                  MONEY_FY,
                  "amountYen",
                  1_000_000L,
                  "expenseCategory",
                  "TRAVEL",
                  "purpose",
                  "matrix check"))
          .header("Idempotency-Key", UUID.randomUUID().toString())
          .as(FINANCE)
          .statusCode(201);
    }
    return moneyGrant;
  }

  private static Call carryOver(String subject) {
    return Call.post(
            subject,
            "/api/v1/ledger/grants/" + moneyGrant() + "/carry-overs",
            Map.of("fromFiscalYear", MONEY_FY, "amountYen", 1L, "reason", "matrix check"))
        .header("Idempotency-Key", UUID.randomUUID().toString());
  }

  /** A voluntary return by finance or the recipient; an ordered one by a program officer. */
  private static Call refund(String subject, String role) {
    String kind = PROGRAM_OFFICER.equals(role) ? "ORDERED" : "VOLUNTARY";
    return Call.post(
            subject,
            "/api/v1/ledger/grants/" + moneyGrant() + "/refunds",
            Map.of("fiscalYear", MONEY_FY, "amountYen", 1L, "kind", kind, "reason", "matrix check"))
        .header("Idempotency-Key", UUID.randomUUID().toString());
  }

  private static synchronized UUID carryOverId() {
    if (carryOver == null) {
      String id =
          carryOver("matrix-setup").as(FINANCE).statusCode(201).extract().path("carryOverId");
      carryOver = UUID.fromString(id);
    }
    return carryOver;
  }

  private static synchronized UUID refundId() {
    if (refund == null) {
      String id =
          refund("matrix-setup", FINANCE).as(FINANCE).statusCode(201).extract().path("refundId");
      refund = UUID.fromString(id);
    }
    return refund;
  }

  static String token(String subject, String role) {
    return JwtKeys.shared().token(subject, role);
  }

  /** The journal chain of the matrix grant's pool, which its award entered a budget into. */
  private static String poolJournal(String tail) {
    grant();
    return "/api/v1/audit/ledger/pools/"
        + jp.grants.catalog.ProgramCatalog.load().require(PROGRAM).budgetPool()
        + "/journal"
        + tail;
  }
}
