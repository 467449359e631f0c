package jp.grants.ledger.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.audit.ChainHead;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.MerkleTree;
import jp.grants.contracts.audit.Signatures;
import jp.grants.infra.kafka.TopicToEnd;
import jp.grants.ledger.support.Ledger;
import jp.grants.ledger.support.Tokens;
import jp.grants.platform.audit.CheckpointLog;
import jp.grants.platform.messaging.EnvelopeCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The ledger-service's own signed checkpoint log over every journal chain head (issue 18), each
 * grant's and each budget pool's, with platform's machinery: signed with the ledger-service's key,
 * published on ledger-checkpoints under the ledger-service's log id, consistent from one checkpoint
 * to the next.
 */
@QuarkusTest
class LedgerCheckpointTest {
  static final String CHECKPOINTS = "/api/v1/audit/ledger/checkpoints";
  private static final HexFormat HEX = HexFormat.of();

  static Checkpoint take() {
    return given()
        .header("Authorization", Tokens.auditor())
        .post(CHECKPOINTS)
        .then()
        .statusCode(201)
        .extract()
        .as(Checkpoint.class);
  }

  static String keyJson() {
    return given()
        .header("Authorization", Tokens.auditor())
        .get(CHECKPOINTS + "/key")
        .then()
        .statusCode(200)
        .body("algorithm", equalTo("Ed25519"))
        .extract()
        .asString();
  }

  @Test
  void shouldSignTheMerkleRootOfEveryJournalChainHeadWithTheLedgerServicesOwnKey() {
    UUID grantId = JournalChainTest.awardedGrant(2051, 40_000_000L);
    JournalChainTest.disburse(grantId, 2051, 1_000_000L).statusCode(201);
    Ledger.setBudget("WPI", 2052, 3_000_000_000L);
    Checkpoint checkpoint = take();

    // the tree holds each chain's head once, in chain id order: grants' and pools' alike
    List<ChainHead> heads = headsOf(checkpoint.index());
    ChainHead grant = head(heads, grantId.toString());
    assertThat(grant.sequence()).isEqualTo(1L);
    verify("/api/v1/audit/ledger/grants/" + grantId)
        .body("chainHead", equalTo(grant.hash()))
        .body("valid", equalTo(true));
    ChainHead pool = head(heads, "pool:WPI");
    verify("/api/v1/audit/ledger/pools/WPI")
        .body("chainHead", equalTo(pool.hash()))
        .body("valid", equalTo(true));
    // a pool's chain id is its leaf's id as it stands
    assertThat(pool.leafHash())
        .isEqualTo(
            MerkleTree.leafHash(
                ("pool:WPI\n" + pool.sequence() + "\n" + pool.hash())
                    .getBytes(StandardCharsets.UTF_8)));
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
    given()
        .header("Authorization", Tokens.auditor())
        .get(CHECKPOINTS + "/latest")
        .then()
        .statusCode(200)
        .body("signature", equalTo(checkpoint.signature()));
    given().header("Authorization", Tokens.finance()).post(CHECKPOINTS).then().statusCode(403);
  }

  @Test
  void shouldPublishEveryCheckpointOnLedgerCheckpointsUnderTheLedgerServicesLogId() {
    Checkpoint checkpoint = take();
    assertThat(LedgerChainHeads.LOG_ID)
        .isEqualTo(
            UUID.nameUUIDFromBytes(
                "jp.grants ledger-service checkpoint log".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(
            UUID.nameUUIDFromBytes(
                "jp.grants grant-service checkpoint log".getBytes(StandardCharsets.UTF_8)));
    EventEnvelope published =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    readToEnd(Topics.LEDGER_CHECKPOINTS).entrySet().stream()
                        .filter(p -> p.getKey().equals(LedgerChainHeads.LOG_ID.toString()))
                        .flatMap(p -> p.getValue().stream())
                        .filter(e -> e.data().path("index").asLong() == checkpoint.index())
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    assertThat(published.type()).isEqualTo("jp.grants.audit.CheckpointSigned");
    assertThat(published.source()).isEqualTo("/ledger-service");
    assertThat(published.subject()).isEqualTo(LedgerChainHeads.LOG_ID.toString());
    assertThat(published.data().path("logId").asText())
        .isEqualTo(LedgerChainHeads.LOG_ID.toString());
    assertThat(published.data().path("rootHash").asText()).isEqualTo(checkpoint.rootHash());
    assertThat(published.data().path("signature").asText()).isEqualTo(checkpoint.signature());
  }

  @Test
  void shouldProveEachCheckpointConsistentWithALaterOne() {
    Checkpoint first = take();
    JournalChainTest.awardedGrant(2053, 10_000_000L);
    Checkpoint second = take();
    JsonPath proof =
        given()
            .header("Authorization", Tokens.auditor())
            .queryParam("from", first.index())
            .queryParam("to", second.index())
            .get(CHECKPOINTS + "/consistency")
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

  private static ChainHead head(List<ChainHead> heads, String chainId) {
    return heads.stream().filter(h -> h.grantId().equals(chainId)).findFirst().orElseThrow();
  }

  private static io.restassured.response.ValidatableResponse verify(String chain) {
    return given()
        .header("Authorization", Tokens.auditor())
        .get(chain + "/journal/verify")
        .then()
        .statusCode(200);
  }

  /** The heads the checkpoint stored with it, in leaf order. */
  private static List<ChainHead> headsOf(long index) {
    return Arc.container().instance(CheckpointLog.class).get().heads(index);
  }

  /** Every record on a topic from its beginning to its end as of now, by key. */
  private static Map<String, List<EventEnvelope>> readToEnd(String topic) {
    EnvelopeCodec codec = new EnvelopeCodec();
    Map<String, List<EventEnvelope>> published = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : TopicToEnd.records(topic)) {
      published
          .computeIfAbsent(record.key(), k -> new ArrayList<>())
          .add(codec.read(record.value()));
    }
    return published;
  }
}
