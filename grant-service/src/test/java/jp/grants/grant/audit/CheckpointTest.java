package jp.grants.grant.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.Topics;
import jp.grants.contracts.audit.ChainHead;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.MerkleTree;
import jp.grants.contracts.audit.Signatures;
import jp.grants.grant.Api;
import jp.grants.grant.TopicReader;
import jp.grants.grant.audit.checkpoint.GrantChainHeads;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/** Signed checkpoints over every grant's chain head, and the checkpoint log's consistency. */
@QuarkusTest
class CheckpointTest {
  private static final HexFormat HEX = HexFormat.of();
  @Inject DataSource dataSource;

  static Checkpoint take() {
    return Api.auditor()
        .post("/api/v1/audit/checkpoints")
        .then()
        .statusCode(201)
        .extract()
        .as(Checkpoint.class);
  }

  static PublicKey publicKey() {
    return Signatures.publicKey(
        Api.auditor()
            .get("/api/v1/audit/checkpoints/key")
            .then()
            .statusCode(200)
            .body("algorithm", equalTo("Ed25519"))
            .extract()
            .path("publicKey"));
  }

  @Test
  void shouldSignTheMerkleRootOfEveryGrantsChainHeadOnAnAuditorsRequest() throws Exception {
    UUID grant = Api.awarded("SATREPS", 2031, 3, 35_000_000L, List.of("Kyoto University"));
    Checkpoint checkpoint = take();

    assertThat(Signatures.verify(publicKey(), checkpoint.signed(), checkpoint.signature()))
        .isTrue();
    assertThat(checkpoint.keyId()).isEqualTo(Signatures.keyId(publicKey()));
    assertThat(checkpoint.logSize()).isEqualTo(checkpoint.index() + 1);
    // the tree is over the heads it stored, recomputed here; each is its grant's stored event
    List<ChainHead> heads = headsOf(checkpoint.index());
    assertThat(heads).hasSize((int) checkpoint.treeSize());
    assertThat(checkpoint.rootHash())
        .isEqualTo(
            HEX.formatHex(MerkleTree.root(heads.stream().map(ChainHead::leafHash).toList())));
    assertThat(heads.stream().map(ChainHead::grantId).toList())
        .isSorted()
        .contains(grant.toString());
    ChainHead head =
        heads.stream().filter(h -> h.grantId().equals(grant.toString())).findFirst().orElseThrow();
    assertThat(head.hash()).isEqualTo(storedHash(grant, head.sequence()));
    Api.auditor()
        .get("/api/v1/audit/checkpoints/" + checkpoint.index())
        .then()
        .statusCode(200)
        .body("rootHash", equalTo(checkpoint.rootHash()))
        .body("signature", equalTo(checkpoint.signature()));
  }

  @Test
  void shouldProveEveryCheckpointConsistentWithEveryLaterOne() {
    Checkpoint first = take();
    Api.awarded("SATREPS", 2032, 3, 35_000_000L, List.of("Kyoto University"));
    Checkpoint second = take();
    Checkpoint third = take();
    for (Checkpoint[] pair :
        List.of(
            new Checkpoint[] {first, second},
            new Checkpoint[] {first, third},
            new Checkpoint[] {second, third},
            new Checkpoint[] {third, third})) {
      JsonPath proof =
          Api.auditor()
              .queryParam("from", pair[0].index())
              .queryParam("to", pair[1].index())
              .get("/api/v1/audit/checkpoints/consistency")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<byte[]> hashes =
          proof.getList("proof", String.class).stream().map(HEX::parseHex).toList();
      assertThat(
              MerkleTree.verifyConsistency(
                  pair[0].logSize(),
                  HEX.parseHex(pair[0].logRoot()),
                  pair[1].logSize(),
                  HEX.parseHex(pair[1].logRoot()),
                  hashes))
          .as("%d -> %d", pair[0].index(), pair[1].index())
          .isTrue();
    }
    // and the log of the first is not a prefix of a log whose first record was rewritten
    assertThat(
            MerkleTree.verifyConsistency(
                first.logSize(),
                MerkleTree.leafHash("forged".getBytes()),
                third.logSize(),
                HEX.parseHex(third.logRoot()),
                MerkleTree.consistencyProof(recordHashes(third.index()), (int) first.logSize())))
        .isFalse();
  }

  @Test
  void shouldRefuseBadRequestsAndOtherRoles() {
    Checkpoint latest = take();
    Api.auditor()
        .queryParam("from", latest.index())
        .queryParam("to", latest.index() + 100)
        .get("/api/v1/audit/checkpoints/consistency")
        .then()
        .statusCode(404);
    Api.auditor()
        .queryParam("from", latest.index())
        .queryParam("to", 0)
        .get("/api/v1/audit/checkpoints/consistency")
        .then()
        .statusCode(latest.index() == 0 ? 200 : 400);
    Api.auditor().get("/api/v1/audit/checkpoints/consistency").then().statusCode(400);
    Api.auditor().get("/api/v1/audit/checkpoints/999999").then().statusCode(404);
    Api.as("applicant-1", Roles.APPLICANT).post("/api/v1/audit/checkpoints").then().statusCode(403);
    Api.as("officer-1", Roles.PROGRAM_OFFICER)
        .get("/api/v1/audit/checkpoints/key")
        .then()
        .statusCode(403);
    Api.auditor()
        .get("/api/v1/audit/checkpoints/latest")
        .then()
        .statusCode(200)
        .body("index", equalTo((int) latest.index()));
  }

  @Test
  void shouldPublishEveryCheckpointOnItsOwnTopic() {
    Checkpoint checkpoint = take();
    try (TopicReader reader = new TopicReader(Topics.AUDIT_CHECKPOINTS)) {
      List<EventEnvelope> envelopes =
          reader.envelopesOf(GrantChainHeads.LOG_ID, (int) checkpoint.index() + 1);
      EventEnvelope published =
          envelopes.stream()
              .filter(e -> e.data().path("index").asLong() == checkpoint.index())
              .findFirst()
              .orElseThrow();
      assertThat(published.type()).isEqualTo("jp.grants.audit.CheckpointSigned");
      assertThat(published.subject()).isEqualTo(GrantChainHeads.LOG_ID.toString());
      assertThat(published.data().path("rootHash").asText()).isEqualTo(checkpoint.rootHash());
      assertThat(published.data().path("signature").asText()).isEqualTo(checkpoint.signature());
    }
  }

  private List<ChainHead> headsOf(long index) throws Exception {
    List<ChainHead> heads = new ArrayList<>();
    try (var c = dataSource.getConnection();
        var s =
            c.prepareStatement(
                "SELECT grant_id, sequence_number, event_hash FROM audit_checkpoint_head"
                    + " WHERE checkpoint_index = ? ORDER BY leaf_index")) {
      s.setLong(1, index);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          heads.add(new ChainHead(rs.getString(1), rs.getLong(2), rs.getString(3)));
        }
      }
    }
    return heads;
  }

  private String storedHash(UUID grant, long sequence) throws Exception {
    try (var c = dataSource.getConnection();
        var s =
            c.prepareStatement(
                "SELECT event_hash FROM domain_event_entry WHERE aggregate_identifier = ?"
                    + " AND sequence_number = ?")) {
      s.setString(1, grant.toString());
      s.setLong(2, sequence);
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return HEX.formatHex(rs.getBytes(1));
      }
    }
  }

  private List<byte[]> recordHashes(long upTo) {
    List<byte[]> hashes = new ArrayList<>();
    try (var c = dataSource.getConnection();
        var s =
            c.prepareStatement(
                "SELECT record_hash FROM audit_checkpoint WHERE checkpoint_index <= ? ORDER BY checkpoint_index")) {
      s.setLong(1, upTo);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          hashes.add(rs.getBytes(1));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return hashes;
  }
}
