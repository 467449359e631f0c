package jp.grants.audit.verifier;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.contracts.review.CommitteeDecisionRecorded;
import jp.grants.contracts.review.CommitteeDecisionRecorded.Member;
import jp.grants.contracts.review.CommitteeDecisionRecorded.Scorecard;
import jp.grants.contracts.review.Recommendation;

/**
 * Links every committee decision in grants' histories (an award, a decline, a stage gate, an
 * evaluation that names its review) to the committee's record of it in review-service's decisions
 * export, and checks from that record alone that the decision was the committee's to take:
 *
 * <ul>
 *   <li>the record is the one the grant applied: its decision event is the ReviewCompleted the
 *       grant event's metadata names ({@code request}, else its causation id), for the same review
 *       and grant, with the same outcome (and allocations, grade);
 *   <li>the committee was composed by the program's rule at that instant, recounted from its
 *       members: voting members, the share from outside Japan, a chair;
 *   <li>the chair who decided sat as chair, without a conflict with the grant;
 *   <li>every scorecard is a voting member's who was assigned and had no conflict with the grant;
 *       and enough of the assigned reviewers scored (the quorum, rounded up, at least one).
 * </ul>
 *
 * Both exports are read from their hashed payloads and metadata, never from the readable {@code
 * data}, and are verified on their own first ({@link VerifyExport}).
 */
final class CommitteeLinks {
  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final String CAUSATION_ID = "causationId";
  private static final String REQUEST = "request";

  /**
   * The request metadata of an event a committee's decision caused: grant-service names the
   * ReviewCompleted it applied, {@code event jp.grants.review.ReviewCompleted <id> from
   * review-service} (its causation id is the command's).
   */
  private static final Pattern DECISION_REQUEST =
      Pattern.compile("event \\S+\\.ReviewCompleted (\\S+) from \\S+");

  /** The grant events a committee decides, by payload type's simple name. */
  private static final Map<String, Recommendation> DECIDED =
      Map.of(
          "GrantAwarded", Recommendation.AWARD,
          "ProposalDeclined", Recommendation.DECLINE,
          "StageGatePassed", Recommendation.PASS,
          "StageGateFailed", Recommendation.FAIL,
          "InterimEvaluationCompleted", Recommendation.GRADED,
          "FinalEvaluationCompleted", Recommendation.GRADED);

  private CommitteeLinks() {}

  /** How many decisions were linked, or the first that is not. */
  record Result(int linked, Optional<String> problem) {}

  static Result check(Path grantExport, Path decisionsExport) throws IOException {
    Map<String, CommitteeDecisionRecorded> records = new HashMap<>();
    for (ExportedEvent line : events(decisionsExport)) {
      if (simpleName(line.payloadType()).equals("CommitteeDecisionRecorded")) {
        CommitteeDecisionRecorded record =
            JSON.readValue(payload(line), CommitteeDecisionRecorded.class);
        records.put(record.decisionEventId(), record);
      }
    }
    int linked = 0;
    for (ExportedEvent event : events(grantExport)) {
      Recommendation expected = DECIDED.get(simpleName(event.payloadType()));
      if (expected == null) {
        continue;
      }
      JsonNode data = JSON.readTree(payload(event));
      if (!data.hasNonNull("reviewId")) {
        continue; // a program officer's direct decision, where the catalog allows one
      }
      String where =
          simpleName(event.payloadType())
              + " at sequence "
              + event.sequence()
              + " of grant "
              + event.grantId();
      String causation = decisionEvent(event);
      CommitteeDecisionRecorded record = causation == null ? null : records.get(causation);
      if (record == null) {
        return new Result(
            linked,
            Optional.of(
                where
                    + " names review "
                    + data.get("reviewId").asText()
                    + " but the decisions export holds no committee record of its decision (event "
                    + causation
                    + ")"));
      }
      Optional<String> problem = problem(event, data, expected, record);
      if (problem.isPresent()) {
        return new Result(linked, Optional.of(where + ": " + problem.get()));
      }
      linked++;
    }
    return new Result(linked, Optional.empty());
  }

  private static Optional<String> problem(
      ExportedEvent event, JsonNode data, Recommendation expected, CommitteeDecisionRecorded r)
      throws IOException {
    UUID reviewId = UUID.fromString(data.get("reviewId").asText());
    if (!r.reviewId().equals(reviewId) || !r.grantId().toString().equals(event.grantId())) {
      return Optional.of(
          "its decision event is the committee record of review "
              + r.reviewId()
              + " on grant "
              + r.grantId());
    }
    CommitteeDecisionRecorded.Decision decision = r.decision();
    if (decision.recommendation() != expected) {
      return Optional.of(
          "the committee recommended " + decision.recommendation() + ", not " + expected);
    }
    if (expected == Recommendation.GRADED
        && !Objects.equals(decision.grade(), data.path("grade").asText(null))) {
      return Optional.of(
          "graded " + data.path("grade").asText() + ", the committee " + decision.grade());
    }
    if ((expected == Recommendation.AWARD || expected == Recommendation.PASS)
        && !decision.allocations().isEmpty()) {
      List<FiscalYearAmount> applied =
          JSON.convertValue(data.get("allocations"), new TypeReference<>() {});
      if (!decision.allocations().equals(applied)) {
        return Optional.of(
            "allocations " + applied + " are not the committee's " + decision.allocations());
      }
    }
    return committee(r);
  }

  /** The committee's composition, its chair and its scorecards, recounted from the record. */
  static Optional<String> committee(CommitteeDecisionRecorded r) {
    CommitteeDecisionRecorded.Rule rule = r.rule();
    List<Member> members = r.committee().members();
    int voting = 0;
    int foreign = 0;
    boolean chair = false;
    Map<UUID, Member> byId = new HashMap<>();
    for (Member member : members) {
      byId.put(member.reviewerId(), member);
      if (member.voting()) {
        voting++;
        foreign += "JP".equals(member.country()) ? 0 : 1;
      }
      chair |= "CHAIR".equals(member.role());
    }
    if (voting < rule.minVotingMembers()) {
      return Optional.of(
          "the committee had "
              + voting
              + " voting member(s); its rule needs "
              + rule.minVotingMembers());
    }
    if ((long) foreign * 100 < (long) voting * rule.minForeignMemberPercent()) {
      return Optional.of(
          foreign
              + " of "
              + voting
              + " voting members were from outside Japan; its rule needs "
              + rule.minForeignMemberPercent()
              + "%");
    }
    if (!chair) {
      return Optional.of("the committee had no chair");
    }
    Member decider = byId.get(r.decision().chair());
    if (decider == null || !"CHAIR".equals(decider.role())) {
      return Optional.of("it was decided by " + r.decision().chair() + ", not the chair");
    }
    if (!decider.conflictsWithGrant().isEmpty()) {
      return Optional.of(
          "the chair had a conflict with the grant: " + decider.conflictsWithGrant());
    }
    Set<UUID> assigned = new HashSet<>();
    r.assigned().forEach(a -> assigned.add(a.reviewerId()));
    Set<UUID> scorers = new HashSet<>();
    for (Scorecard card : r.scorecards()) {
      Member scorer = byId.get(card.reviewerId());
      if (scorer == null || !scorer.voting()) {
        return Optional.of(
            "reviewer " + card.reviewerId() + " scored without a voting seat on the committee");
      }
      if (!scorer.conflictsWithGrant().isEmpty()) {
        return Optional.of(
            "reviewer "
                + card.reviewerId()
                + " scored with a conflict with the grant: "
                + scorer.conflictsWithGrant());
      }
      if (!assigned.contains(card.reviewerId())) {
        return Optional.of("reviewer " + card.reviewerId() + " scored without being assigned");
      }
      scorers.add(card.reviewerId());
    }
    long required = Math.max(1, ((long) assigned.size() * rule.quorumPercent() + 99) / 100);
    if (scorers.size() < required) {
      return Optional.of(
          scorers.size()
              + " of "
              + assigned.size()
              + " assigned reviewers scored; the quorum ("
              + rule.quorumPercent()
              + "%) needs "
              + required);
    }
    return Optional.empty();
  }

  /**
   * The id of the decision event (review-service's ReviewCompleted) a grant event applied: the one
   * its {@code request} metadata names, else its causation id.
   */
  private static String decisionEvent(ExportedEvent event) throws IOException {
    if (event.metaData() == null) {
      return null;
    }
    JsonNode meta = JSON.readTree(Base64.getDecoder().decode(event.metaData()));
    Matcher request = DECISION_REQUEST.matcher(meta.path(REQUEST).asText(""));
    return request.matches() ? request.group(1) : meta.path(CAUSATION_ID).asText(null);
  }

  private static byte[] payload(ExportedEvent event) {
    return Base64.getDecoder().decode(event.payload());
  }

  private static String simpleName(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }

  /** The event lines of an export (its proof line aside). */
  private static List<ExportedEvent> events(Path file) throws IOException {
    List<ExportedEvent> events = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        if (!node.has("exportProof")) {
          events.add(JSON.treeToValue(node, ExportedEvent.class));
        }
      }
    }
    return events;
  }
}
