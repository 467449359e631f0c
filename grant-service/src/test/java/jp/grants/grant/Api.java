package jp.grants.grant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import jp.grants.catalog.Decider;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Topics;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewCompleted;
import jp.grants.contracts.review.ReviewKind;
import jp.grants.infra.JwtKeys;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.platform.security.Roles;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** The grant API as its callers use it, with real signed tokens. */
public final class Api {
  /** A refusal as RFC 9457 problem: its status, the media type, and the rule it names. */
  public static ValidatableResponse problem(ValidatableResponse response, int status, String rule) {
    return response
        .statusCode(status)
        .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
        .body("status", org.hamcrest.Matchers.equalTo(status))
        .body("rule", org.hamcrest.Matchers.equalTo(rule));
  }

  public static final String APPLICANT = "applicant-kyoto-1";
  public static final String OFFICER = "po-jsps-1";
  public static final String FINANCE = "finance-jsps-1";
  public static final String AUDITOR = "auditor-boa-1";

  private Api() {}

  public static RequestSpecification as(String subject, String role) {
    return given()
        .auth()
        .oauth2(JwtKeys.shared().token(subject, role))
        .contentType(ContentType.JSON);
  }

  public static RequestSpecification applicant() {
    return as(APPLICANT, Roles.APPLICANT);
  }

  public static RequestSpecification officer() {
    return as(OFFICER, Roles.PROGRAM_OFFICER);
  }

  public static RequestSpecification finance() {
    return as(FINANCE, Roles.FINANCE);
  }

  public static RequestSpecification auditor() {
    return as(AUDITOR, Roles.AUDITOR);
  }

  /** A plan of the same amount for each year from the first. */
  public static List<Map<String, Object>> plan(int firstYear, int years, long amount) {
    return java.util.stream.IntStream.range(0, years)
        .mapToObj(i -> Map.<String, Object>of("fiscalYear", firstYear + i, "amountYen", amount))
        .toList();
  }

  public static Map<String, Object> proposal(
      String program, int startYear, int years, long annual, List<String> hosts) {
    Map<String, Object> proposal = new java.util.LinkedHashMap<>();
    proposal.put("programCode", program);
    proposal.put("title", "Center for " + program + " research");
    proposal.put("summary", "A proposal to " + program);
    proposal.put(
        "principalInvestigator",
        Map.of("name", "Hanako Yamada", "institution", hosts.get(0), "country", "JP"));
    proposal.put("hostInstitutions", hosts);
    proposal.put("startFiscalYear", startYear);
    proposal.put("durationYears", years);
    proposal.put("requestedPlan", plan(startYear, years, annual));
    if (hasRequirements(program)) {
      proposal.put("plannedFigures", PLANNED_FIGURES);
    }
    return java.util.Collections.unmodifiableMap(proposal);
  }

  /**
   * Planned figures that meet every phase's requirements of WPI, WPI CORE and Multiple Host WPI (7
   * PIs, 70 staff, 30 % from abroad at most): 10 PIs, 100 staff, 20 of 60 researchers from abroad.
   */
  public static final Map<String, Object> PLANNED_FIGURES =
      Map.of(
          "principalInvestigators",
          10,
          "totalStaff",
          100,
          "researchers",
          60,
          "researchersFromAbroad",
          20);

  /**
   * Whether the program's initial phase has requirements, so that an award needs planned figures.
   */
  public static boolean hasRequirements(String program) {
    return jp.grants.catalog.ProgramCatalog.load()
        .find(program)
        .map(p -> !p.initialPhase().requirementsOrNone().isNone())
        .orElse(false);
  }

  public static UUID submit(Map<String, Object> proposal) {
    String id =
        applicant()
            .body(proposal)
            .post("/api/v1/grants")
            .then()
            .statusCode(201)
            .extract()
            .path("grantId");
    return UUID.fromString(id);
  }

  public static ValidatableResponse post(
      RequestSpecification as, UUID grant, String step, Object body) {
    return as.body(body).post("/api/v1/grants/" + grant + "/" + step).then();
  }

  /** The grant's current version, from the ETag of its GET. */
  public static long version(UUID grant) {
    return Long.parseLong(
        officer().get("/api/v1/grants/" + grant).then().extract().header("ETag").replace("\"", ""));
  }

  /** Submits, screens and awards a proposal with its requested plan. */
  public static UUID awarded(
      String program, int startYear, int years, long annual, List<String> hosts) {
    UUID grant = submit(proposal(program, startYear, years, annual, hosts));
    post(officer(), grant, "screening", Map.of("eligible", true, "note", "complete"))
        .statusCode(200);
    award(grant, program);
    return grant;
  }

  /** The reason a program officer gives for a direct decision in these tests. */
  public static final String DIRECT_REASON = "decided by the funder's panel (test)";

  /**
   * Awards a screened proposal as its program's catalog says: by its committee's decided review
   * where only the committee decides (WPI), else by a program officer's direct award with a reason.
   */
  public static void award(UUID grant, String program) {
    if (committeeDecides(program, ReviewKind.SELECTION)) {
      decideByCommittee(grant, ReviewKind.SELECTION, Recommendation.AWARD, List.of(), null);
    } else {
      post(officer(), grant, "award", Map.of("reason", DIRECT_REASON)).statusCode(200);
    }
  }

  /**
   * The interim evaluation's grade: by the committee's review where only it decides (WPI), else
   * directly with a summary.
   */
  public static void interimResult(UUID grant, String program, String grade) {
    if (committeeDecides(program, ReviewKind.INTERIM_EVALUATION)) {
      decideByCommittee(
          grant, ReviewKind.INTERIM_EVALUATION, Recommendation.GRADED, List.of(), grade);
    } else {
      post(
              officer(),
              grant,
              "evaluations/interim/result",
              Map.of("grade", grade, "summary", DIRECT_REASON))
          .statusCode(200);
    }
  }

  public static boolean committeeDecides(String program, ReviewKind kind) {
    return ProgramCatalog.load().require(program).decider(kind) == Decider.COMMITTEE;
  }

  private static final EnvelopeCodec CODEC = new EnvelopeCodec();

  /**
   * A committee's decision, as review-service sends it when a review is decided: a ReviewCompleted
   * on review-events, which grant-service applies to the grant. Waits until the grant has applied
   * it (its version moved on) and fails if the grant refused it (CommitteeDecisionRefused).
   *
   * @param allocations the committee's plan (award or step-up); empty for the requested one
   * @param grade S, A, B or C for an evaluation; null otherwise
   * @return the review's id
   */
  public static UUID decideByCommittee(
      UUID grant,
      ReviewKind kind,
      Recommendation recommendation,
      List<FiscalYearAmount> allocations,
      String grade) {
    UUID review = sendCommitteeDecision(grant, kind, recommendation, allocations, grade);
    List<Object> refused = refusals(grant, review);
    if (!refused.isEmpty()) {
      throw new AssertionError(
          "the grant refused the committee's " + kind + " decision: " + refused);
    }
    return review;
  }

  /**
   * A committee's decision that the grant must refuse: sent as {@link #decideByCommittee} sends it;
   * returns the rule of the one CommitteeDecisionRefused the grant recorded for it.
   */
  public static String refusedCommitteeDecision(
      UUID grant,
      ReviewKind kind,
      Recommendation recommendation,
      List<FiscalYearAmount> allocations,
      String grade) {
    UUID review = sendCommitteeDecision(grant, kind, recommendation, allocations, grade);
    List<Object> refused = refusals(grant, review);
    if (refused.size() != 1) {
      throw new AssertionError(
          "one refusal of the committee's " + kind + " decision expected, found " + refused);
    }
    return String.valueOf(((Map<?, ?>) ((Map<?, ?>) refused.get(0)).get("data")).get("rule"));
  }

  /**
   * Sends the ReviewCompleted and waits until the grant has recorded something for it; the review's
   * id.
   */
  private static UUID sendCommitteeDecision(
      UUID grant,
      ReviewKind kind,
      Recommendation recommendation,
      List<FiscalYearAmount> allocations,
      String grade) {
    JsonPath before =
        officer().get("/api/v1/grants/" + grant).then().statusCode(200).extract().jsonPath();
    long version = before.getLong("version");
    String program = before.getString("programCode");
    UUID review = UUID.randomUUID();
    var decision =
        new ReviewCompleted(
            review,
            grant,
            program,
            kind,
            before.getInt("startFiscalYear"),
            recommendation,
            grade,
            400,
            "the committee's decision (test)",
            program,
            allocations);
    EventEnvelope envelope =
        CODEC.wrap(
            UUID.randomUUID().toString(),
            "/review-service",
            Instant.now(),
            null,
            new EventMetadata(
                UUID.randomUUID().toString(), null, "chair-test", Roles.COMMITTEE_CHAIR),
            decision);
    Properties p = new Properties();
    p.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (var producer = new KafkaProducer<String, byte[]>(p)) {
      producer
          .send(
              new ProducerRecord<>(Topics.REVIEW_EVENTS, envelope.subject(), CODEC.write(envelope)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("could not send the committee's decision", e);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                officer()
                        .get("/api/v1/grants/" + grant)
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("version")
                    > version);
    return review;
  }

  private static List<Object> refusals(UUID grant, UUID review) {
    return auditor()
        .queryParam("type", "CommitteeDecisionRefused")
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("events.findAll { it.data.reviewId == '" + review + "' }");
  }
}
