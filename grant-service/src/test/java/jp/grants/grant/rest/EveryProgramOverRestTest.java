package jp.grants.grant.rest;

import static jp.grants.grant.Api.finance;
import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.Topics;
import jp.grants.grant.Api;
import jp.grants.grant.LedgerEvents;
import jp.grants.grant.TopicReader;
import jp.grants.grant.axon.AxonRuntime;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every program of the catalog, driven through its lifecycle over REST (the ledger's payment and
 * settlement arrive on ledger-events, as the ledger-service publishes them); afterwards its events
 * are on grant-events in order and exactly as stored.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryProgramOverRestTest {
  private static final int START = 2026;
  @Inject AxonRuntime axon;
  private TopicReader reader;

  @BeforeAll
  void openReader() {
    reader = new TopicReader(Topics.GRANT_EVENTS);
  }

  @AfterAll
  void closeReader() {
    reader.close();
  }

  static Stream<String> programs() {
    return ProgramCatalog.load().programs().stream().map(Program::code);
  }

  @ParameterizedTest
  @MethodSource("programs")
  void shouldRunTheWholeLifecycleAndPublishItExactlyAsStored(String code) throws Exception {
    Program program = ProgramCatalog.load().require(code);
    int years = program.duration().minYears();
    long annual =
        program.initialPhase().annualCapYen() != null
            ? program.initialPhase().annualCapYen()
            : program.totalCapYen() / (years + 1);
    List<String> hosts =
        IntStream.range(0, program.hosts().min()).mapToObj(i -> "University " + i).toList();
    UUID grant = Api.awarded(code, START, years, annual, hosts);
    int steps = 3;

    post(
            Api.applicant(),
            grant,
            "follow-ups",
            Map.of(
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
                "year one"))
        .statusCode(200);
    steps++;
    if (!program.stageGates().isEmpty()) {
      post(
              officer(),
              grant,
              "stage-gate",
              Map.of(
                  "fiscalYear", START + 1, "scheduledOn", LocalDate.of(START + 1, 9, 1).toString()))
          .statusCode(200);
      // only its committee decides a stage gate (WPI CORE): its review's decision
      Api.decideByCommittee(
          grant,
          jp.grants.contracts.review.ReviewKind.STAGE_GATE,
          jp.grants.contracts.review.Recommendation.PASS,
          List.of(),
          null);
      steps += 2;
    }
    // In the program's year for it where it names one (WPI: year 5), and graded well enough to
    // extend.
    int interim = program.evaluationsOrAny().interimFiscalYear(START).orElse(START);
    post(officer(), grant, "evaluations/interim", Map.of("fiscalYear", interim)).statusCode(200);
    String grade =
        program.extension() != null && program.extension().minGrade() != null
            ? program.extension().minGrade()
            : "A";
    Api.interimResult(grant, code, grade);
    steps += 2;
    if (program.extension() != null) {
      int end = START + years - 1;
      long extensionAnnual =
          program.extension().annualCapYen() != null ? program.extension().annualCapYen() : 1;
      post(
              officer(),
              grant,
              "extension",
              Map.of("additionalYears", 1, "allocations", Api.plan(end + 1, 1, extensionAnnual)))
          .statusCode(200);
      steps++;
    }
    String category = program.eligibleExpenses().get(0).name();
    String disbursement =
        post(
                finance(),
                grant,
                "disbursement-requests",
                Map.of(
                    "fiscalYear",
                    START,
                    "amountYen",
                    1_000_000,
                    "expenseCategory",
                    category,
                    "purpose",
                    "first payment"))
            .statusCode(200)
            .extract()
            .path("disbursementId");
    steps++;
    // The ledger pays it; a grant that was paid closes only once the ledger has settled it.
    LedgerEvents.publish(
        LedgerEvents.paid(
            grant,
            UUID.fromString(disbursement),
            code,
            START,
            1_000_000L,
            ExpenseCategory.valueOf(category)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                officer()
                    .get("/api/v1/grants/" + grant)
                    .then()
                    .body("disbursedYen", equalTo(1_000_000)));
    steps++;
    post(officer(), grant, "closure", Map.of("note", "completed"))
        .statusCode(409)
        .body("rule", equalTo("GRANT-UNSETTLED"));
    LedgerEvents.publish(LedgerEvents.settled(grant, code, START, 1_000_000L));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> officer().get("/api/v1/grants/" + grant).then().body("settled", equalTo(true)));
    steps++;
    post(officer(), grant, "closure", Map.of("note", "completed"))
        .statusCode(200)
        .body("version", equalTo(steps));
    steps++;

    Map<String, Object> live =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .body("status", equalTo("CLOSED"))
            .body("settlement.finalAmountYen", equalTo(1_000_000))
            .extract()
            .jsonPath()
            .getMap("$");
    Api.auditor()
        .queryParam("type", "GrantClosed")
        .get("/api/v1/audit/grants/" + grant + "/events")
        .then()
        .statusCode(200)
        .body("events[0].data.finalAmountYen", equalTo(1_000_000));
    // An auditor's replay up to the last event, through the aggregate, is the live state.
    Map<String, Object> replayed =
        Api.auditor()
            .queryParam("atSequence", steps - 1)
            .get("/api/v1/audit/grants/" + grant + "/state")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("state");
    assertThat(replayed).isEqualTo(live);
    assertPublishedExactlyAsStored(grant, steps);
  }

  private void assertPublishedExactlyAsStored(UUID grant, int count) throws Exception {
    List<EventEnvelope> published = reader.envelopesOf(grant, count);
    List<DomainEventMessage<?>> stored = new ArrayList<>();
    axon.configuration().eventStore().readEvents(grant.toString()).forEachRemaining(stored::add);
    assertThat(published).hasSize(stored.size());
    var json = EventJson.newMapper();
    for (int i = 0; i < stored.size(); i++) {
      DomainEventMessage<?> event = stored.get(i);
      EventEnvelope envelope = published.get(i);
      assertThat(envelope.id()).isEqualTo(event.getIdentifier());
      assertThat(envelope.sequence()).isEqualTo(event.getSequenceNumber());
      assertThat(envelope.type()).endsWith("." + event.getPayloadType().getSimpleName());
      assertThat(envelope.time().toInstant()).isEqualTo(event.getTimestamp());
      // compared as parsed JSON text: the same document whatever number node types each side uses
      JsonNode storedData = json.readTree(json.writeValueAsString(event.getPayload()));
      assertThat(envelope.data()).isEqualTo(storedData);
    }
  }
}
