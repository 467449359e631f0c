package jp.grants.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jp.grants.bench.system.Http.Reply;
import jp.grants.launcher.Service;

/** The grant-service's REST API as the front ends call it, with the bench's tokens. */
public final class GrantApi {
  public static final String PROGRAM = "WPI";
  public static final int START_FISCAL_YEAR = 2025;
  public static final int YEARS = 10;

  /** A tenth of WPI's annual cap: far above anything the benchmarks pay out. */
  public static final long ANNUAL_YEN = 100_000_000L;

  /** A follow-up's narrative: about the length a center's summary paragraph has. */
  private static final String NARRATIVE =
      "The center continued its interdisciplinary programme in materials and "
          + "life sciences, recruited two principal investigators from abroad, hosted an international summer school "
          + "and opened a satellite laboratory with its partner institution; the English-language administration "
          + "office now serves every researcher.";

  /** A follow-up's body after its fiscal year. */
  private static final String FOLLOW_UP_FIGURES =
      ",\"principalInvestigators\":9,\"totalStaff\":92,\"researchers\":61,"
          + "\"researchersFromAbroad\":24,\"narrative\":\""
          + NARRATIVE
          + "\"}";

  /**
   * The center's planned size, which WPI's award checks: 10 PIs, 100 staff, 30 of 70 researchers
   * from abroad.
   */
  private static final String PLANNED_FIGURES =
      "\"plannedFigures\":{\"principalInvestigators\":10,\"totalStaff\":100,"
          + "\"researchers\":70,\"researchersFromAbroad\":30}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BenchSystem system;

  public GrantApi(BenchSystem system) {
    this.system = system;
  }

  /**
   * Submits, screens and awards a WPI proposal with the given amount for each of its ten years.
   * WPI's Program Committee selects (catalog deciders: a program officer's direct award is
   * refused), so the award is review-service's: the selection review the screening opened is scored
   * and decided by the bench's committee ({@link #committeeAward}), and the grant is awarded when
   * its ReviewCompleted arrives. Set-up only: none of it is measured.
   */
  public UUID awardedGrant(List<Long> plan) throws InterruptedException {
    UUID grant = screenedGrant(plan);
    committeeAward(grant);
    return grant;
  }

  /**
   * Submits and screens a WPI proposal (the screening opens its selection review in
   * review-service).
   */
  public UUID screenedGrant(List<Long> plan) throws InterruptedException {
    String body =
        "{\"programCode\":\""
            + PROGRAM
            + "\",\"title\":\"Center for advanced interdisciplinary research\","
            + "\"summary\":\"A WPI center proposal made by the benchmarks\","
            + "\"principalInvestigator\":{\"name\":\"Hanako Yamada\",\"institution\":\"Kyoto University\",\"country\":\"JP\"},"
            + "\"hostInstitutions\":[\"Kyoto University\"],\"startFiscalYear\":"
            + START_FISCAL_YEAR
            + ",\"durationYears\":"
            + plan.size()
            + ",\"requestedPlan\":["
            + IntStream.range(0, plan.size())
                .mapToObj(
                    i ->
                        "{\"fiscalYear\":"
                            + (START_FISCAL_YEAR + i)
                            + ",\"amountYen\":"
                            + plan.get(i)
                            + "}")
                .collect(Collectors.joining(","))
            + "],"
            + PLANNED_FIGURES
            + "}";
    Reply submitted =
        system
            .http()
            .post(system.url(Service.GRANT, "/api/v1/grants"), system.token("applicant"), body)
            .expect(201, "submitting a proposal");
    UUID grant = UUID.fromString(json(submitted.body()).get("grantId").asText());
    lifecycle(grant, "screening", "{\"eligible\":true,\"note\":\"complete and eligible\"}")
        .expect(200, "screening");
    return grant;
  }

  public UUID screenedGrant() throws InterruptedException {
    return screenedGrant(java.util.Collections.nCopies(YEARS, ANNUAL_YEN));
  }

  // ---- the committee (set-up) -------------------------------------------------------------------

  /**
   * The WPI committee the bench registers once: its chair (the bench's committee-chair login) and
   * three members.
   */
  private volatile boolean committeeReady;

  private volatile String chairReviewerId;
  private volatile String scorecard;

  private synchronized void ensureCommittee() throws InterruptedException {
    if (committeeReady) {
      return;
    }
    // Half from outside Japan (WPI's rule), none at the bench's host institution (Kyoto
    // University).
    String[][] people = {
      {"bench-committee-chair", "Rita Colwell", "University of Maryland", "US"},
      {"bench-member-2", "Klaus Weber", "Max Planck Society", "DE"},
      {"bench-member-3", "Hiroshi Amano", "Nagoya University", "JP"},
      {"bench-member-4", "Ken Matsumoto", "University of Tokyo", "JP"},
    };
    StringBuilder members = new StringBuilder();
    for (String[] p : people) {
      Reply registered =
          system
              .http()
              .post(
                  system.url(Service.REVIEW, "/api/v1/reviewers"),
                  system.token("admin"),
                  "{\"subject\":\""
                      + p[0]
                      + "\",\"name\":\""
                      + p[1]
                      + "\",\"affiliation\":\""
                      + p[2]
                      + "\",\"country\":\""
                      + p[3]
                      + "\",\"fields\":[\"physics\"]}")
              .expect(201, "registering a reviewer");
      String id = json(registered.body()).get("id").asText();
      if (p[0].equals("bench-committee-chair")) {
        chairReviewerId = id;
      }
      members
          .append(members.length() == 0 ? "" : ",")
          .append("{\"reviewerId\":\"")
          .append(id)
          .append("\",\"role\":\"")
          .append(p[0].equals("bench-committee-chair") ? "CHAIR" : "MEMBER")
          .append("\"}");
    }
    system
        .http()
        .put(
            system.url(Service.REVIEW, "/api/v1/committees/" + PROGRAM),
            system.token("admin"),
            "{\"members\":[" + members + "]}")
        .expect(200, "setting the WPI committee");
    committeeReady = true;
  }

  /**
   * The committee's award, in the fewest calls: the chair is the one reviewer assigned (the quorum
   * is of the assigned reviewers), scores every axis and decides AWARD; then the grant is ACTIVE.
   */
  private void committeeAward(UUID grant) throws InterruptedException {
    decideAward(grant);
    awaitAwarded(grant);
  }

  /**
   * The committee's AWARD on the screened grant's selection review; the grant takes it
   * asynchronously.
   */
  public void decideAward(UUID grant) throws InterruptedException {
    ensureCommittee();
    String review =
        awaitJson(
                system.url(Service.REVIEW, "/api/v1/reviews?kind=SELECTION&grantId=" + grant),
                "program-officer",
                node -> node.size() == 1,
                "the selection review of " + grant)
            .get(0)
            .get("id")
            .asText();
    system
        .http()
        .post(
            system.url(Service.REVIEW, "/api/v1/reviews/" + review + "/assignments"),
            system.token("program-officer"),
            "{\"reviewerId\":\"" + chairReviewerId + "\"}")
        .expect(201, "assigning the chair");
    if (scorecard == null) {
      JsonNode axes =
          json(system
                  .http()
                  .get(
                      system.url(Service.REVIEW, "/api/v1/reviews/" + review),
                      system.token("program-officer"))
                  .expect(200, "reading the review")
                  .body())
              .get("axes");
      StringBuilder scores = new StringBuilder();
      for (JsonNode axis : axes) {
        scores
            .append(scores.length() == 0 ? "" : ",")
            .append("{\"axis\":\"")
            .append(axis.get("code").asText())
            .append("\",\"score\":4,\"comment\":\"strong\"}");
      }
      scorecard = "{\"scores\":[" + scores + "]}";
    }
    system
        .http()
        .put(
            system.url(Service.REVIEW, "/api/v1/reviews/" + review + "/scorecards/mine"),
            system.token("committee-chair"),
            scorecard)
        .expect(200, "scoring the review");
    system
        .http()
        .post(
            system.url(Service.REVIEW, "/api/v1/reviews/" + review + "/decision"),
            system.token("committee-chair"),
            "{\"recommendation\":\"AWARD\",\"rationale\":\"world-leading\"}")
        .expect(200, "the committee's award");
  }

  /** Waits until the grant has taken the committee's award (ACTIVE). */
  public void awaitAwarded(UUID grant) throws InterruptedException {
    awaitJson(
        system.url(Service.GRANT, "/api/v1/grants/" + grant),
        "auditor",
        node -> "ACTIVE".equals(node.path("status").asText()),
        "grant " + grant + " awarded");
  }

  /** Polls a GET until its JSON satisfies the condition (two minutes at most). */
  private JsonNode awaitJson(
      java.net.URI uri, String role, java.util.function.Predicate<JsonNode> condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    Reply last = null;
    while (System.nanoTime() < deadline) {
      last = system.http().get(uri, system.token(role));
      if (last.status() == 200 && condition.test(json(last.body()))) {
        return json(last.body());
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "waited two minutes for "
            + what
            + "; last answer "
            + (last == null ? "none" : last.status() + " " + last.bodyStart()));
  }

  public UUID awardedGrant() throws InterruptedException {
    return awardedGrant(java.util.Collections.nCopies(YEARS, ANNUAL_YEN));
  }

  /**
   * The annual follow-up of a WPI center (program officer), figures that pass the WPI thresholds; a
   * hot loop's call (the load client).
   */
  public Reply followUp(UUID grant, int fiscalYear) throws InterruptedException {
    return system
        .load()
        .post(
            Service.GRANT,
            "/api/v1/grants/" + grant + "/follow-ups",
            system.token("program-officer"),
            "{\"fiscalYear\":" + fiscalYear + FOLLOW_UP_FIGURES);
  }

  /** Finance asks the ledger, through the grant, to pay; the ledger answers with another event. */
  public Reply requestDisbursement(UUID grant, int fiscalYear, long yen)
      throws InterruptedException {
    return system
        .http()
        .post(
            system.url(Service.GRANT, "/api/v1/grants/" + grant + "/disbursement-requests"),
            system.token("finance"),
            "{\"fiscalYear\":"
                + fiscalYear
                + ",\"amountYen\":"
                + yen
                + ",\"expenseCategory\":\"PERSONNEL\",\"purpose\":\"salaries\"}");
  }

  private Reply lifecycle(UUID grant, String step, String body) throws InterruptedException {
    return system
        .http()
        .post(
            system.url(Service.GRANT, "/api/v1/grants/" + grant + "/" + step),
            system.token("program-officer"),
            body);
  }

  /**
   * The grant rebuilt by its aggregate from its snapshot and the events after it (the load client:
   * timed in 2).
   */
  public Reply load(UUID grant) throws InterruptedException {
    return system.load().get(Service.GRANT, "/api/v1/grants/" + grant, system.token("auditor"));
  }

  /**
   * The grant replayed by its aggregate from its first event, without snapshots (the auditors'
   * view).
   */
  public Reply replayed(UUID grant, long atSequence) throws InterruptedException {
    return system
        .load()
        .get(
            Service.GRANT,
            "/api/v1/audit/grants/" + grant + "/state?atSequence=" + atSequence,
            system.token("auditor"));
  }

  /** The grant's version: the sequence number of its last event. */
  public long version(UUID grant) throws InterruptedException {
    return json(load(grant).expect(200, "loading grant " + grant).body()).get("version").asLong();
  }

  public void rebuildReadModel() throws InterruptedException {
    system
        .http()
        .post(
            system.url(Service.GRANT, "/api/v1/admin/projections/grant-read-model/rebuild"),
            system.token("admin"),
            null)
        .expect(202, "rebuilding the read model");
  }

  /** {processor, running, replaying, segments: [{segment, caughtUp, replaying, position}]}. */
  public JsonNode readModelStatus() throws InterruptedException {
    return json(
        system
            .http()
            .get(
                system.url(Service.GRANT, "/api/v1/admin/projections/grant-read-model"),
                system.token("admin"))
            .expect(200, "the read model's status")
            .body());
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }
}
