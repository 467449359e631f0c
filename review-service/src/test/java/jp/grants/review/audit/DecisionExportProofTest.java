package jp.grants.review.audit;

import static jp.grants.review.support.ReviewApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.infra.audit.VerifierProcess;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.ReviewApi;
import org.junit.jupiter.api.Test;

/**
 * The committee's decisions on a grant exported with their proofs (issue 18), in grant-service's
 * line format, and checked by the offline verifier run as its own process with the review-service's
 * key and a checkpoint kept earlier: an intact export passes; a truncated, reordered, thinned or
 * forged copy fails naming its reason, and so does a chain truncated and re-hashed in the database
 * after a checkpoint by someone who can write the tables and turn their triggers off.
 */
@QuarkusTest
class DecisionExportProofTest {
  private static String key() throws Exception {
    return VerifierProcess.file("review-key", DecisionCheckpointTest.keyJson()).toString();
  }

  private static String trusted(Checkpoint checkpoint) throws Exception {
    String json =
        as(ReviewApi.AUDITOR, Roles.AUDITOR)
            .get("/api/v1/audit/checkpoints/" + checkpoint.index())
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return VerifierProcess.file("review-checkpoint-" + checkpoint.index(), json).toString();
  }

  private static String export(UUID grantId, Long since) {
    var request = as(ReviewApi.AUDITOR, Roles.AUDITOR).accept("application/x-ndjson");
    if (since != null) {
      request = request.queryParam("since", since);
    }
    return request
        .get("/api/v1/audit/grants/" + grantId + "/decisions/export")
        .then()
        .statusCode(200)
        .header(
            "Content-Disposition",
            equalTo("attachment; filename=\"decisions-" + grantId + ".ndjson\""))
        .extract()
        .asString();
  }

  @Test
  void shouldProveADecisionExportCompleteAgainstTheKeyAndAnEarlierCheckpoint() throws Exception {
    assertThat(VerifierProcess.launcher()).as("the verifier's own jar").startsWith("-jar");
    UUID grantId = DecisionCheckpointTest.decidedOnce("Yui Sato", "Kochi University");
    Checkpoint earlier = DecisionCheckpointTest.take();
    UUID later = DecisionCheckpointTest.decidedOnce("Sora Ito", "Saga University");

    String ndjson = export(grantId, earlier.index());
    List<String> lines = ndjson.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("{\"grantId\":\"" + grantId + "\",\"sequence\":0,");
    assertThat(lines.get(1)).startsWith("{\"exportProof\":").contains("\"scope\":\"decisions\"");
    var run = VerifierProcess.verify(key(), trusted(earlier), ndjson);
    assertThat(run.output())
        .startsWith("OK: 1 events of 1 grant(s)")
        .contains(
            "signatures verified", "consistent with the trusted checkpoint " + earlier.index());
    assertThat(run.status()).isZero();

    // a grant first decided after the trusted checkpoint is proven absent from it
    var absent = VerifierProcess.verify(key(), trusted(earlier), export(later, earlier.index()));
    assertThat(absent.output()).startsWith("OK: 1 events of 1 grant(s)");
    assertThat(absent.status()).isZero();

    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/audit/grants/" + UUID.randomUUID() + "/decisions/export")
        .then()
        .statusCode(404);
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .queryParam("since", 999_999)
        .get("/api/v1/audit/grants/" + grantId + "/decisions/export")
        .then()
        .statusCode(404);
  }

  @Test
  void shouldFailOnEveryTamperedCopyOfARealDecisionExport() throws Exception {
    UUID grantId = DecisionCheckpointTest.decidedThrice("Nao Ueda", "Oita University");
    String key = key();
    List<String> lines = export(grantId, null).lines().toList();
    assertThat(lines).hasSize(4);
    VerifierProcess.assertEveryTamperedCopyFails(key, lines);
  }

  @Test
  void shouldFailOnADecisionChainTruncatedAndReHashedInTheDatabaseAfterACheckpoint()
      throws Exception {
    UUID cut = DecisionCheckpointTest.decidedThrice("Kai Mori", "Yamaguchi University");
    UUID rewritten = DecisionCheckpointTest.decidedOnce("Ema Hara", "Tottori University");
    Checkpoint checkpoint = DecisionCheckpointTest.take();
    String trusted = trusted(checkpoint);
    String key = key();

    rewrite(cut, 2, "Kai Mori", "Kai Mori-Hayashi"); // the newest record gone, the rest re-hashed
    rewrite(rewritten, 1, "Ema Hara", "Ema Harada"); // every record re-hashed
    // the service itself no longer sees anything wrong: the chains are whole again
    verify(cut).body("valid", equalTo(true)).body("recordsChecked", equalTo(2));
    verify(rewritten).body("valid", equalTo(true));
    as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/audit/grants/" + cut + "/decisions")
        .then()
        .body("records[0].data.parties.principalInvestigator", equalTo("Kai Mori-Hayashi"));

    var truncatedRun = VerifierProcess.verify(key, trusted, export(cut, checkpoint.index()));
    assertThat(truncatedRun.output())
        .startsWith("BAD:")
        .contains("grant " + cut, "truncated after that checkpoint");
    assertThat(truncatedRun.status()).isEqualTo(1);

    var rehashedRun = VerifierProcess.verify(key, trusted, export(rewritten, checkpoint.index()));
    assertThat(rehashedRun.output())
        .startsWith("BAD:")
        .contains("grant " + rewritten, "rewritten (re-hashed) after that checkpoint");
    assertThat(rehashedRun.status()).isEqualTo(1);
  }

  private static io.restassured.response.ValidatableResponse verify(UUID grantId) {
    return as(ReviewApi.AUDITOR, Roles.AUDITOR)
        .get("/api/v1/audit/grants/" + grantId + "/decisions/verify")
        .then()
        .statusCode(200);
  }

  private static final String COLUMNS =
      "event_identifier, aggregate_identifier, time_stamp, payload_type, payload_revision,"
          + " payload, meta_data";

  /**
   * The attacker rewrites a grant's decision chain: its first {@code keep} records copied with the
   * payload altered, every record and the head deleted with the triggers off, and the copies
   * inserted again with the chain's trigger on, so that the database computes a whole new chain.
   */
  private static void rewrite(UUID grantId, int keep, String from, String to) throws Exception {
    try (Connection c = DecisionChainTest.dataSource().getConnection()) {
      c.setAutoCommit(false);
      run(c, "SET LOCAL session_replication_role = replica"); // no trigger fires
      run(
          c,
          "CREATE TEMP TABLE rewritten ON COMMIT DROP AS SELECT sequence_number, "
              + COLUMNS
              + " FROM review_audit_record WHERE aggregate_identifier = '"
              + grantId // a UUID: nothing to quote
              + "' AND sequence_number < "
              + keep);
      run(
          c,
          "UPDATE rewritten SET payload = convert_to(replace(convert_from(payload, 'UTF8'), ?, ?),"
              + " 'UTF8') WHERE position(convert_to(?, 'UTF8') in payload) > 0",
          from,
          to,
          from);
      run(c, "DELETE FROM review_audit_record WHERE aggregate_identifier = ?", grantId.toString());
      run(c, "DELETE FROM review_chain_head WHERE aggregate_identifier = ?", grantId.toString());
      run(c, "SET LOCAL session_replication_role = origin"); // the chain's trigger again
      run(
          c,
          "INSERT INTO review_audit_record ("
              + COLUMNS
              + ") SELECT "
              + COLUMNS
              + " FROM rewritten ORDER BY sequence_number");
      c.commit();
    }
  }

  private static void run(Connection c, String sql, String... parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      s.execute();
    }
  }
}
