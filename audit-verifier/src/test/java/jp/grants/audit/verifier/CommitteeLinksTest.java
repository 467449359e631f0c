package jp.grants.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.contracts.review.CommitteeDecisionRecorded;
import jp.grants.contracts.review.CommitteeDecisionRecorded.Assignment;
import jp.grants.contracts.review.CommitteeDecisionRecorded.FoundConflict;
import jp.grants.contracts.review.CommitteeDecisionRecorded.Member;
import jp.grants.contracts.review.CommitteeDecisionRecorded.Scorecard;
import jp.grants.contracts.review.Recommendation;
import jp.grants.contracts.review.ReviewKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An award in a grant's history linked to its committee's record, and each way the record can fail
 * to vouch for it: no record, another outcome or plan, a committee out of its rule, a conflicted or
 * unassigned scorer, too few scorers.
 */
class CommitteeLinksTest {
  static final UUID GRANT = UUID.fromString("0a000000-0000-0000-0000-0000000000aa");
  static final UUID REVIEW = UUID.fromString("0b000000-0000-0000-0000-0000000000bb");
  static final String DECISION_EVENT = "0c000000-0000-0000-0000-0000000000cc";
  static final List<FiscalYearAmount> PLAN =
      List.of(new FiscalYearAmount(2026, 700_000_000L), new FiscalYearAmount(2027, 700_000_000L));

  final ObjectMapper json = EventJson.newMapper();
  @TempDir Path dir;

  /** Chair (JP), three voting members (two from abroad), one program officer (no vote). */
  List<Member> members;

  List<Assignment> assigned;
  List<Scorecard> scorecards;
  Recommendation recommendation;
  List<FiscalYearAmount> decidedPlan;

  @BeforeEach
  void committee() {
    members = new ArrayList<>();
    members.add(member(1, "JP", "CHAIR", true));
    members.add(member(2, "US", "MEMBER", true));
    members.add(member(3, "DE", "MEMBER", true));
    members.add(member(4, "JP", "MEMBER", true));
    members.add(member(5, "JP", "PROGRAM_OFFICER", false));
    assigned = new ArrayList<>();
    scorecards = new ArrayList<>();
    for (int reviewer : List.of(2, 3, 4)) {
      assigned.add(new Assignment(id(reviewer), Instant.parse("2026-04-01T00:00:00Z"), "po"));
      scorecards.add(
          new Scorecard(
              UUID.randomUUID(),
              id(reviewer),
              Instant.parse("2026-04-10T00:00:00Z"),
              "MEMBER",
              List.of()));
    }
    recommendation = Recommendation.AWARD;
    decidedPlan = PLAN;
  }

  @Test
  void shouldLinkAnAwardToTheCommitteeThatDecidedIt() throws Exception {
    CommitteeLinks.Result result = check(award(DECISION_EVENT));

    assertThat(result.problem()).isEmpty();
    assertThat(result.linked()).isEqualTo(1);
  }

  @Test
  void shouldNameAnAwardWithoutItsCommitteeRecord() throws Exception {
    CommitteeLinks.Result result = check(award("0d000000-0000-0000-0000-0000000000dd"));

    assertThat(result.problem())
        .get()
        .asString()
        .contains("GrantAwarded at sequence 1", "no committee record");
  }

  @Test
  void shouldNameAnOutcomeOrPlanTheCommitteeDidNotDecide() throws Exception {
    recommendation = Recommendation.DECLINE;
    assertThat(check(award(DECISION_EVENT)).problem())
        .get()
        .asString()
        .contains("recommended DECLINE, not AWARD");

    recommendation = Recommendation.AWARD;
    decidedPlan = List.of(new FiscalYearAmount(2026, 500_000_000L));
    assertThat(check(award(DECISION_EVENT)).problem())
        .get()
        .asString()
        .contains("are not the committee's");
  }

  @Test
  void shouldNameACommitteeOutOfItsRule() throws Exception {
    members.set(2, member(3, "JP", "MEMBER", true)); // 1 of 4 voting members from abroad

    assertThat(check(award(DECISION_EVENT)).problem())
        .get()
        .asString()
        .contains("1 of 4 voting members were from outside Japan; its rule needs 50%");
  }

  @Test
  void shouldNameAConflictedScorer() throws Exception {
    members.set(
        1,
        new Member(
            id(2),
            "Reviewer 2",
            "Univ 2",
            "US",
            "MEMBER",
            true,
            List.of(),
            List.of(new FoundConflict("INSTITUTION", "DETECTED", "Univ A", "same institution"))));

    assertThat(check(award(DECISION_EVENT)).problem())
        .get()
        .asString()
        .contains("reviewer " + id(2) + " scored with a conflict with the grant");
  }

  @Test
  void shouldNameAScorerWithoutAVoteOrAssignmentAndAMissedQuorum() throws Exception {
    scorecards.add(
        new Scorecard(UUID.randomUUID(), id(5), Instant.now(), "PROGRAM_OFFICER", List.of()));
    assertThat(check(award(DECISION_EVENT)).problem())
        .get()
        .asString()
        .contains("scored without a voting seat");

    scorecards.remove(3);
    scorecards.remove(2);
    scorecards.remove(1);
    assertThat(check(award(DECISION_EVENT)).problem())
        .get()
        .asString()
        .contains("1 of 3 assigned reviewers scored; the quorum (67%) needs 3");
  }

  @Test
  void shouldLeaveADirectAwardAlone() throws Exception {
    ExportedEvent direct =
        line(
            "jp.grants.contracts.grant.GrantAwarded",
            "{\"grantId\":\"" + GRANT + "\",\"reviewId\":null,\"reason\":\"panel\"}",
            "{\"actor\":\"po\"}");

    CommitteeLinks.Result result = check(direct);

    assertThat(result.problem()).isEmpty();
    assertThat(result.linked()).isZero();
  }

  private CommitteeLinks.Result check(ExportedEvent decided) throws Exception {
    ExportedEvent submitted =
        line(
            "jp.grants.contracts.grant.ProposalSubmitted", "{\"grantId\":\"" + GRANT + "\"}", "{}");
    Path grant = write("grant.ndjson", List.of(submitted, renumber(decided, 1)));
    Path decisions = write("decisions.ndjson", List.of(record()));
    return CommitteeLinks.check(grant, decisions);
  }

  private ExportedEvent award(String decisionEvent) throws Exception {
    String data =
        "{\"grantId\":\""
            + GRANT
            + "\",\"programCode\":\"WPI\",\"allocations\":"
            + json.writeValueAsString(PLAN)
            + ",\"reviewId\":\""
            + REVIEW
            + "\"}";
    return line(
        "jp.grants.contracts.grant.GrantAwarded",
        data,
        "{\"actor\":\"rev-chair\",\"causationId\":\""
            + UUID.randomUUID()
            + "\",\"request\":\"event jp.grants.review.ReviewCompleted "
            + decisionEvent
            + " from review-service\"}");
  }

  private ExportedEvent record() throws Exception {
    CommitteeDecisionRecorded record =
        new CommitteeDecisionRecorded(
            new CommitteeDecisionRecorded.Review(
                REVIEW, GRANT, "WPI", ReviewKind.SELECTION, 2026, null, 0, DECISION_EVENT, null),
            new CommitteeDecisionRecorded.Decision(
                recommendation,
                null,
                "excellent",
                420,
                decidedPlan,
                "chair-1",
                id(1),
                Instant.parse("2026-04-20T00:00:00Z")),
            new CommitteeDecisionRecorded.Rule(4, 50, 67),
            new CommitteeDecisionRecorded.Committee("WPI", 3, null, null, members),
            new CommitteeDecisionRecorded.Composition(4, 2, true),
            new CommitteeDecisionRecorded.Parties("PI", "Univ A", List.of("Univ A")),
            assigned,
            scorecards);
    return line(
        "jp.grants.contracts.review.CommitteeDecisionRecorded",
        json.writeValueAsString(record),
        null);
  }

  private static Member member(int n, String country, String role, boolean voting) {
    return new Member(
        id(n), "Reviewer " + n, "Univ " + n, country, role, voting, List.of(), List.of());
  }

  private static UUID id(int n) {
    return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
  }

  /** An export line; the chain's hashes are the verifier's other check and are left out here. */
  private static ExportedEvent line(String payloadType, String payload, String metaData) {
    Base64.Encoder b64 = Base64.getEncoder();
    return new ExportedEvent(
        GRANT.toString(),
        0,
        UUID.randomUUID().toString(),
        payloadType,
        payloadType,
        null,
        "2026-04-20T00:00:00Z",
        b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)),
        metaData == null ? null : b64.encodeToString(metaData.getBytes(StandardCharsets.UTF_8)),
        null,
        "00",
        "00");
  }

  private static ExportedEvent renumber(ExportedEvent e, long sequence) {
    return new ExportedEvent(
        e.grantId(),
        sequence,
        e.eventId(),
        e.type(),
        e.payloadType(),
        e.payloadRevision(),
        e.timestamp(),
        e.payload(),
        e.metaData(),
        e.data(),
        e.previousHash(),
        e.hash());
  }

  private Path write(String name, List<ExportedEvent> lines) throws Exception {
    StringBuilder text = new StringBuilder();
    for (ExportedEvent line : lines) {
      text.append(json.writeValueAsString(line)).append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }
}
