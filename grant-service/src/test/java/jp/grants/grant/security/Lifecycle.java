package jp.grants.grant.security;

import static jp.grants.grant.Api.as;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.grant.Api;
import jp.grants.platform.security.Roles;

/**
 * Grants brought to each state of their life through the API, owned by a given applicant: the
 * resources on which a lifecycle step is well-formed and would succeed.
 */
final class Lifecycle {
  static final int START = 2026;
  static final String OFFICER = "lifecycle-officer";

  private Lifecycle() {}

  /**
   * The program's smallest valid proposal: its shortest term, its first phase's cap every year,
   * enough hosts.
   */
  static Map<String, Object> proposal(String program, String institution) {
    Program p = ProgramCatalog.load().require(program);
    int years = p.duration().minYears();
    long annual =
        p.initialPhase().annualCapYen() != null
            ? p.initialPhase().annualCapYen()
            : p.totalCapYen() / (years + 1);
    List<String> hosts =
        IntStream.range(0, p.hosts().min())
            .mapToObj(i -> i == 0 ? institution : "University " + i)
            .toList();
    return Api.proposal(program, START, years, annual, hosts);
  }

  static UUID proposed(String applicant, String program) {
    return proposed(applicant, program, "Kyoto University");
  }

  static UUID proposed(String applicant, String program, String institution) {
    String id =
        as(applicant, Roles.APPLICANT)
            .body(proposal(program, institution))
            .post("/api/v1/grants")
            .then()
            .statusCode(201)
            .extract()
            .path("grantId");
    return UUID.fromString(id);
  }

  static UUID screened(String applicant, String program) {
    UUID grant = proposed(applicant, program);
    step(grant, "screening", Map.of("eligible", true, "note", "complete"));
    return grant;
  }

  /**
   * Awarded as the program's catalog says: by its committee's decided review where only the
   * committee decides (WPI), else by a program officer's direct award with a reason.
   */
  static UUID active(String applicant, String program) {
    UUID grant = screened(applicant, program);
    if (Api.committeeDecides(program, ReviewKind.SELECTION)) {
      Api.decideByCommittee(grant, ReviewKind.SELECTION, Recommendation.AWARD, List.of(), null);
    } else {
      step(grant, "award", Map.of("reason", Api.DIRECT_REASON));
    }
    return grant;
  }

  static Map<String, Object> followUp() {
    return Map.of(
        "fiscalYear",
        START,
        "principalInvestigators",
        8,
        "totalStaff",
        90,
        "researchers",
        60,
        "researchersFromAbroad",
        20,
        "narrative",
        "year one");
  }

  /** WPI-CORE, awarded, with the follow-up its stage gate needs. */
  static UUID readyForStageGate(String applicant) {
    UUID grant = active(applicant, "WPI-CORE");
    step(grant, "follow-ups", followUp());
    return grant;
  }

  static Map<String, Object> stageGate() {
    return Map.of("fiscalYear", START + 1, "scheduledOn", LocalDate.of(START + 1, 9, 1).toString());
  }

  static UUID stageGateScheduled(String applicant) {
    UUID grant = readyForStageGate(applicant);
    step(grant, "stage-gate", stageGate());
    return grant;
  }

  static UUID interimScheduled(String applicant) {
    return interimScheduled(applicant, "WPI");
  }

  /**
   * The interim evaluation scheduled in year 5 (WPI's year; any year for a program that names
   * none).
   */
  static UUID interimScheduled(String applicant, String program) {
    UUID grant = active(applicant, program);
    step(grant, "evaluations/interim", Map.of("fiscalYear", START + 4));
    return grant;
  }

  /** WPI, its interim evaluation graded S by its committee (WPI extends on an S). */
  static UUID interimGraded(String applicant) {
    UUID grant = interimScheduled(applicant);
    Api.decideByCommittee(
        grant, ReviewKind.INTERIM_EVALUATION, Recommendation.GRADED, List.of(), "S");
    return grant;
  }

  static Map<String, Object> suspension() {
    return Map.of("effectiveDate", LocalDate.of(START, 10, 1).toString(), "reason", "PI on leave");
  }

  /** A running WPI grant, suspended. */
  static UUID suspended(String applicant) {
    UUID grant = active(applicant, "WPI");
    step(grant, "suspension", suspension());
    return grant;
  }

  /** A closed WPI center whose final evaluation its committee graded S. */
  static UUID closedGradedS(String applicant) {
    UUID grant = active(applicant, "WPI");
    step(grant, "evaluations/final", Map.of("fiscalYear", START + 9));
    Api.decideByCommittee(
        grant, ReviewKind.FINAL_EVALUATION, Recommendation.GRADED, List.of(), "S");
    step(grant, "closure", Map.of("note", "completed"));
    return grant;
  }

  static Map<String, Object> worldPremierStatus() {
    return Map.of(
        "effectiveDate",
        LocalDate.of(START + 10, 6, 1).toString(),
        "reason",
        "the committee's finding");
  }

  /** A WPI Academy center. */
  static UUID academy(String applicant) {
    UUID grant = closedGradedS(applicant);
    step(grant, "world-premier-status", worldPremierStatus());
    return grant;
  }

  static Map<String, Object> academyReport() {
    return Map.of(
        "fiscalYear",
        START + 10,
        "principalInvestigators",
        9,
        "researchers",
        80,
        "narrative",
        "a year");
  }

  /** One more WPI year at the extension's cap. */
  static Map<String, Object> extension() {
    return Map.of("additionalYears", 1, "allocations", Api.plan(START + 10, 1, 300_000_000L));
  }

  static Map<String, Object> disbursement() {
    return Map.of(
        "fiscalYear",
        START,
        "amountYen",
        1_000_000L,
        "expenseCategory",
        "PERSONNEL",
        "purpose",
        "first payment");
  }

  static void step(UUID grant, String step, Object body) {
    as(OFFICER, Roles.PROGRAM_OFFICER)
        .body(body)
        .post("/api/v1/grants/" + grant + "/" + step)
        .then()
        .statusCode(200);
  }
}
