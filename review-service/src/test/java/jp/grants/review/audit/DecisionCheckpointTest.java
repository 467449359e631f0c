package jp.grants.review.audit;

import static jp.grants.review.support.ReviewApi.as;
import static jp.grants.review.support.ReviewApi.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.audit.ChainHead;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.MerkleTree;
import jp.grants.contracts.audit.Signatures;
import jp.grants.platform.audit.CheckpointLog;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.Committees;
import jp.grants.review.support.GrantEventsTopic;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import jp.grants.review.support.ReviewEventsTopic;
import org.junit.jupiter.api.Test;

/**
 * The review-service's own signed checkpoint log over every grant's decision chain head (issue 18),
 * with platform's machinery: signed with the review-service's key, published on review-checkpoints
 * under the review-service's log id, consistent from one checkpoint to the next.
 */
@QuarkusTest
class DecisionCheckpointTest {
  private static final GrantEventsTopic grantEvents = GrantEventsTopic.shared();
  private static final HexFormat HEX = HexFormat.of();

  static Checkpoint take() {
    return as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .post("/api/v1/audit/checkpoints")
        .then()
        .statusCode(201)
        .extract()
        .as(Checkpoint.class);
  }

  static String keyJson() {
    return as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/audit/checkpoints/key")
        .then()
        .statusCode(200)
        .body("algorithm", equalTo("Ed25519"))
        .extract()
        .asString();
  }

  /** A grant whose decision chain holds one decision. */
  static UUID decidedOnce(String pi, String institution) {
    UUID grantId = grantEvents.awardedCoreGrant(pi, institution);
    UUID reviewId = DecisionChainTest.stageGateReview(grantId);
    List<Reviewer> committee = Committees.compliantCoreCommittee();
    Committees.scoreByAllMembers(reviewId, committee, "WPI-CORE", 3);
    decide(reviewId, committee.get(0), Map.of("recommendation", "FAIL", "rationale", "not yet"))
        .statusCode(200);
    return grantId;
  }

  /** A grant whose decision chain holds three records: a decision, its refusal, a new decision. */
  static UUID decidedThrice(String pi, String institution) {
    UUID grantId = grantEvents.awardedCoreGrant(pi, institution);
    UUID reviewId = DecisionChainTest.stageGateReview(grantId);
    List<Reviewer> committee = Committees.compliantCoreCommittee();
    Committees.scoreByAllMembers(reviewId, committee, "WPI-CORE", 3);
    Map<String, String> fail = Map.of("recommendation", "FAIL", "rationale", "not ready");
    decide(reviewId, committee.get(0), fail).statusCode(200);
    DecisionChainTest.refuseAndAwaitReopened(grantId, reviewId);
    decide(reviewId, committee.get(0), fail).statusCode(200);
    return grantId;
  }

  @Test
  void shouldSignTheMerkleRootOfEveryGrantsDecisionChainHeadWithTheReviewServicesOwnKey() {
    UUID grantId = decidedOnce("Mai Kudo", "Akita University");
    Checkpoint checkpoint = take();

    // the tree holds each grant's decision chain head once, in grant id order, as the chain has it
    List<ChainHead> heads = headsOf(checkpoint.index());
    ChainHead head =
        heads.stream()
            .filter(h -> h.grantId().equals(grantId.toString()))
            .findFirst()
            .orElseThrow();
    verify(grantId).body("chainHead", equalTo(head.hash())).body("valid", equalTo(true));
    assertThat(head.sequence()).isZero();
    assertThat(heads)
        .hasSize((int) checkpoint.treeSize())
        .extracting(ChainHead::grantId)
        .isSorted();
    byte[] root = MerkleTree.root(heads.stream().map(ChainHead::leafHash).toList());
    assertThat(checkpoint.rootHash()).isEqualTo(HEX.formatHex(root));
    // signed with the key the service publishes, as the log's next leaf
    PublicKey key = Signatures.publicKey(JsonPath.from(keyJson()).getString("publicKey"));
    assertThat(checkpoint.keyId()).isEqualTo(Signatures.keyId(key));
    assertThat(Signatures.verify(key, checkpoint.signed(), checkpoint.signature())).isTrue();
    assertThat(checkpoint.logSize()).isEqualTo(checkpoint.index() + 1);
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/audit/checkpoints/latest")
        .then()
        .statusCode(200)
        .body("signature", equalTo(checkpoint.signature()));
    as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
        .post("/api/v1/audit/checkpoints")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldPublishEveryCheckpointOnReviewCheckpointsUnderTheReviewServicesLogId() {
    Checkpoint checkpoint = take();
    assertThat(DecisionChainHeads.LOG_ID)
        .isEqualTo(
            UUID.nameUUIDFromBytes(
                "jp.grants review-service checkpoint log".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(
            UUID.nameUUIDFromBytes(
                "jp.grants grant-service checkpoint log".getBytes(StandardCharsets.UTF_8)));
    EventEnvelope published =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    ReviewEventsTopic.readToEnd(Topics.REVIEW_CHECKPOINTS).stream()
                        .filter(p -> p.key().equals(DecisionChainHeads.LOG_ID.toString()))
                        .map(ReviewEventsTopic.Published::envelope)
                        .filter(e -> e.data().path("index").asLong() == checkpoint.index())
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(published.type()).isEqualTo("jp.grants.audit.CheckpointSigned");
    assertThat(published.source()).isEqualTo("/review-service");
    assertThat(published.subject()).isEqualTo(DecisionChainHeads.LOG_ID.toString());
    assertThat(published.data().path("logId").asText())
        .isEqualTo(DecisionChainHeads.LOG_ID.toString());
    assertThat(published.data().path("rootHash").asText()).isEqualTo(checkpoint.rootHash());
    assertThat(published.data().path("signature").asText()).isEqualTo(checkpoint.signature());
  }

  @Test
  void shouldProveEachCheckpointConsistentWithALaterOne() {
    Checkpoint first = take();
    decidedOnce("Rin Abe", "Iwate University");
    Checkpoint second = take();
    JsonPath proof =
        as(ReviewApi.AUDITOR, Roles.AUDITOR)
            .queryParam("from", first.index())
            .queryParam("to", second.index())
            .get("/api/v1/audit/checkpoints/consistency")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(second.rootHash()).isNotEqualTo(first.rootHash());
    assertThat(
            MerkleTree.verifyConsistency(
                first.logSize(),
                HEX.parseHex(first.logRoot()),
                second.logSize(),
                HEX.parseHex(second.logRoot()),
                proof.getList("proof", String.class).stream().map(HEX::parseHex).toList()))
        .isTrue();
  }

  private static io.restassured.response.ValidatableResponse verify(UUID grantId) {
    return as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/audit/grants/" + grantId + "/decisions/verify")
        .then()
        .statusCode(200);
  }

  /** The heads the checkpoint stored with it, in leaf order. */
  private static List<ChainHead> headsOf(long index) {
    return Arc.container().instance(CheckpointLog.class).get().heads(index);
  }
}
