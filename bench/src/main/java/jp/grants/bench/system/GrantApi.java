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
  private static final String NARRATIVE = "The center continued its interdisciplinary programme in materials and "
      + "life sciences, recruited two principal investigators from abroad, hosted an international summer school "
      + "and opened a satellite laboratory with its partner institution; the English-language administration "
      + "office now serves every researcher.";
  /** A follow-up's body after its fiscal year. */
  private static final String FOLLOW_UP_FIGURES = ",\"principalInvestigators\":9,\"totalStaff\":92,\"researchers\":61,"
      + "\"researchersFromAbroad\":24,\"narrative\":\"" + NARRATIVE + "\"}";
  /** The center's planned size, which WPI's award checks: 10 PIs, 100 staff, 30 of 70 researchers from abroad. */
  private static final String PLANNED_FIGURES = "\"plannedFigures\":{\"principalInvestigators\":10,\"totalStaff\":100,"
      + "\"researchers\":70,\"researchersFromAbroad\":30}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BenchSystem system;

  public GrantApi(BenchSystem system) {
    this.system = system;
  }

  /** Submits, screens and awards a WPI proposal with the given amount for each of its ten years. */
  public UUID awardedGrant(List<Long> plan) throws InterruptedException {
    String body = "{\"programCode\":\"" + PROGRAM + "\",\"title\":\"Center for advanced interdisciplinary research\","
        + "\"summary\":\"A WPI center proposal made by the benchmarks\","
        + "\"principalInvestigator\":{\"name\":\"Hanako Yamada\",\"institution\":\"Kyoto University\",\"country\":\"JP\"},"
        + "\"hostInstitutions\":[\"Kyoto University\"],\"startFiscalYear\":" + START_FISCAL_YEAR
        + ",\"durationYears\":" + plan.size() + ",\"requestedPlan\":[" + IntStream.range(0, plan.size())
            .mapToObj(i -> "{\"fiscalYear\":" + (START_FISCAL_YEAR + i) + ",\"amountYen\":" + plan.get(i) + "}")
            .collect(Collectors.joining(",")) + "]," + PLANNED_FIGURES + "}";
    Reply submitted = system.http().post(system.url(Service.GRANT, "/api/v1/grants"), system.token("applicant"), body)
        .expect(201, "submitting a proposal");
    UUID grant = UUID.fromString(json(submitted.body()).get("grantId").asText());
    lifecycle(grant, "screening", "{\"eligible\":true,\"note\":\"complete and eligible\"}").expect(200, "screening");
    lifecycle(grant, "award", "{}").expect(200, "awarding");
    return grant;
  }

  public UUID awardedGrant() throws InterruptedException {
    return awardedGrant(java.util.Collections.nCopies(YEARS, ANNUAL_YEN));
  }

  /**
   * The annual follow-up of a WPI center (program officer), figures that pass the WPI thresholds;
   * a hot loop's call (the load client).
   */
  public Reply followUp(UUID grant, int fiscalYear) throws InterruptedException {
    return system.load().post(Service.GRANT, "/api/v1/grants/" + grant + "/follow-ups", system.token("program-officer"),
        "{\"fiscalYear\":" + fiscalYear + FOLLOW_UP_FIGURES);
  }

  /** Finance asks the ledger, through the grant, to pay; the ledger answers with another event. */
  public Reply requestDisbursement(UUID grant, int fiscalYear, long yen) throws InterruptedException {
    return system.http().post(system.url(Service.GRANT, "/api/v1/grants/" + grant + "/disbursement-requests"),
        system.token("finance"), "{\"fiscalYear\":" + fiscalYear + ",\"amountYen\":" + yen
            + ",\"expenseCategory\":\"PERSONNEL\",\"purpose\":\"salaries\"}");
  }

  private Reply lifecycle(UUID grant, String step, String body) throws InterruptedException {
    return system.http().post(system.url(Service.GRANT, "/api/v1/grants/" + grant + "/" + step),
        system.token("program-officer"), body);
  }

  /** The grant rebuilt by its aggregate from its snapshot and the events after it (the load client: timed in 2). */
  public Reply load(UUID grant) throws InterruptedException {
    return system.load().get(Service.GRANT, "/api/v1/grants/" + grant, system.token("auditor"));
  }

  /** The grant replayed by its aggregate from its first event, without snapshots (the auditors' view). */
  public Reply replayed(UUID grant, long atSequence) throws InterruptedException {
    return system.load().get(Service.GRANT, "/api/v1/audit/grants/" + grant + "/state?atSequence=" + atSequence,
        system.token("auditor"));
  }

  /** The grant's version: the sequence number of its last event. */
  public long version(UUID grant) throws InterruptedException {
    return json(load(grant).expect(200, "loading grant " + grant).body()).get("version").asLong();
  }

  public void rebuildReadModel() throws InterruptedException {
    system.http().post(system.url(Service.GRANT, "/api/v1/admin/projections/grant-read-model/rebuild"),
        system.token("admin"), null).expect(202, "rebuilding the read model");
  }

  /** {processor, running, replaying, segments: [{segment, caughtUp, replaying, position}]}. */
  public JsonNode readModelStatus() throws InterruptedException {
    return json(system.http().get(system.url(Service.GRANT, "/api/v1/admin/projections/grant-read-model"),
        system.token("admin")).expect(200, "the read model's status").body());
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }
}
