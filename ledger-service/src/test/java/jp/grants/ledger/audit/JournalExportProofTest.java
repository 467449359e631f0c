package jp.grants.ledger.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.infra.audit.VerifierProcess;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.Ledger;
import jp.grants.ledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A journal chain exported with its proofs (issue 18), a grant's and a budget pool's, in
 * grant-service's line format, and checked by the offline verifier run as its own process with the
 * ledger-service's key and a checkpoint kept earlier: an intact export passes; a truncated,
 * reordered, thinned or forged copy fails naming its reason, and so does a chain truncated or
 * re-hashed in the database after a checkpoint by someone who can write the tables and turn their
 * triggers off.
 */
@QuarkusTest
class JournalExportProofTest {
  private static String key() throws Exception {
    return VerifierProcess.file("ledger-key", LedgerCheckpointTest.keyJson()).toString();
  }

  private static String trusted(Checkpoint checkpoint) throws Exception {
    String json =
        given()
            .header("Authorization", Tokens.auditor())
            .get(LedgerCheckpointTest.CHECKPOINTS + "/" + checkpoint.index())
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return VerifierProcess.file("ledger-checkpoint-" + checkpoint.index(), json).toString();
  }

  private static String grantPath(UUID grantId) {
    return "/api/v1/audit/ledger/grants/" + grantId + "/journal/export";
  }

  private static String poolPath(String pool) {
    return "/api/v1/audit/ledger/pools/" + pool + "/journal/export";
  }

  private static String export(String path, String name, Long since) {
    var request = given().header("Authorization", Tokens.auditor()).accept("application/x-ndjson");
    if (since != null) {
      request = request.queryParam("since", since);
    }
    return request
        .get(path)
        .then()
        .statusCode(200)
        .header("Content-Disposition", equalTo("attachment; filename=\"" + name + ".ndjson\""))
        .extract()
        .asString();
  }

  private static String export(UUID grantId, Long since) {
    return export(grantPath(grantId), "ledger-journal-grant-" + grantId, since);
  }

  /** A grant whose journal chain holds its award and the given number of disbursements. */
  private static UUID grantWith(int fiscalYear, int disbursements) {
    UUID grantId = JournalChainTest.awardedGrant(fiscalYear, 50_000_000L);
    for (int i = 0; i < disbursements; i++) {
      JournalChainTest.disburse(grantId, fiscalYear, 1_000_000L + i).statusCode(201);
    }
    return grantId;
  }

  @Test
  void shouldProveAJournalExportCompleteAgainstTheKeyAndAnEarlierCheckpoint() throws Exception {
    assertThat(VerifierProcess.launcher()).as("the verifier's own jar").startsWith("-jar");
    UUID grantId = grantWith(2054, 1);
    Checkpoint earlier = LedgerCheckpointTest.take();
    UUID later = grantWith(2055, 0);
    JournalChainTest.disburse(grantId, 2054, 2_000_000L).statusCode(201);

    String ndjson = export(grantId, earlier.index());
    List<String> lines = ndjson.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("{\"grantId\":\"" + grantId + "\",\"sequence\":0,");
    assertThat(lines.get(3)).startsWith("{\"exportProof\":").contains("\"scope\":\"journal\"");
    var run = VerifierProcess.verify(key(), trusted(earlier), ndjson);
    assertThat(run.output())
        .startsWith("OK: 3 events of 1 grant(s)")
        .contains(
            "signatures verified", "consistent with the trusted checkpoint " + earlier.index());
    assertThat(run.status()).isZero();

    // a grant first journaled after the trusted checkpoint is proven absent from it
    var absent = VerifierProcess.verify(key(), trusted(earlier), export(later, earlier.index()));
    assertThat(absent.output()).startsWith("OK: 1 events of 1 grant(s)");
    assertThat(absent.status()).isZero();

    given()
        .header("Authorization", Tokens.auditor())
        .get(grantPath(UUID.randomUUID()))
        .then()
        .statusCode(404);
    given()
        .header("Authorization", Tokens.auditor())
        .queryParam("since", 999_999)
        .get(grantPath(grantId))
        .then()
        .statusCode(404);
  }

  @Test
  void shouldProveABudgetPoolsJournalExportWhoseChainIdIsNoGrantId() throws Exception {
    String pool = "JSPS-INTERNATIONAL-FELLOWSHIP";
    Ledger.setBudget(pool, 2056, 900_000_000L);
    Checkpoint earlier = LedgerCheckpointTest.take();
    Ledger.setBudget(pool, 2056, 800_000_000L);

    String ndjson = export(poolPath(pool), "ledger-journal-pool-" + pool, earlier.index());
    List<String> lines = ndjson.lines().toList();
    assertThat(lines.get(0)).startsWith("{\"grantId\":\"pool:" + pool + "\",\"sequence\":0,");
    assertThat(lines.get(lines.size() - 1))
        .startsWith("{\"exportProof\":")
        .contains("\"subject\":\"pool:" + pool + "\"", "\"grantId\":\"pool:" + pool + "\"");
    var run = VerifierProcess.verify(key(), trusted(earlier), ndjson);
    assertThat(run.output())
        .startsWith("OK: " + (lines.size() - 1) + " events of 1 grant(s)")
        .contains(
            "signatures verified", "consistent with the trusted checkpoint " + earlier.index());
    assertThat(run.status()).isZero();

    // the pool's newest entry dropped from the copy: the checkpointed head is missing
    List<String> truncated = new ArrayList<>(lines);
    truncated.remove(lines.size() - 2);
    var bad = VerifierProcess.verify(key(), truncated);
    assertThat(bad.output()).startsWith("BAD:").contains("truncated history");
    assertThat(bad.status()).isEqualTo(1);
  }

  @Test
  void shouldFailOnEveryTamperedCopyOfARealJournalExport() throws Exception {
    UUID grantId = grantWith(2057, 2);
    String key = key();
    List<String> lines = export(grantId, null).lines().toList();
    assertThat(lines).hasSize(4);
    VerifierProcess.assertEveryTamperedCopyFails(key, lines);
  }

  @Test
  void shouldFailOnAJournalTruncatedAndReHashedInTheDatabaseAfterACheckpoint() throws Exception {
    UUID cut = grantWith(2065, 2);
    UUID rewritten = grantWith(2066, 1);
    Checkpoint checkpoint = LedgerCheckpointTest.take();
    String trusted = trusted(checkpoint);
    String key = key();

    truncate(cut); // the newest entry gone, the head set back to the one before
    rehash(rewritten, 2); // the award's memo altered, every entry re-hashed, the head too
    // the service itself no longer sees anything wrong: the chains are whole again
    verify(cut).body("valid", equalTo(true)).body("entriesChecked", equalTo(2));
    verify(rewritten).body("valid", equalTo(true)).body("entriesChecked", equalTo(2));

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
    return given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/audit/ledger/grants/" + grantId + "/journal/verify")
        .then()
        .statusCode(200);
  }

  /** The attacker removes the chain's newest entry and its lines and sets the head back. */
  private static void truncate(UUID grantId) throws Exception {
    String chain = grantId.toString();
    long last = Db.number("SELECT chain_seq FROM journal_chain_head WHERE chain_id = ?", chain);
    UUID entry =
        UUID.fromString(
            Db.text(
                "SELECT entry_id::text FROM journal_entry WHERE chain_id = ? AND chain_seq = ?",
                chain,
                last));
    JournalChainTest.execute(true, "DELETE FROM journal_line WHERE entry_id = ?", entry);
    JournalChainTest.execute(true, "DELETE FROM journal_entry WHERE entry_id = ?", entry);
    JournalChainTest.execute(
        true,
        "UPDATE journal_chain_head h SET chain_seq = e.chain_seq, entry_hash = e.entry_hash"
            + " FROM journal_entry e WHERE h.chain_id = ? AND e.chain_id = h.chain_id"
            + " AND e.chain_seq = ?",
        chain,
        last - 1);
  }

  /**
   * The attacker alters the first entry and recomputes every link of the chain (the ledger's hash,
   * computed from the rows) and its head, so that the chain is whole again.
   */
  private static void rehash(UUID grantId, int entries) throws Exception {
    String chain = grantId.toString();
    JournalChainTest.execute(
        true,
        "UPDATE journal_entry SET memo = 'rewritten' WHERE chain_id = ? AND chain_seq = 0",
        chain);
    for (long seq = 0; seq < entries; seq++) {
      String hash = JournalChainTest.recompute(grantId, seq);
      JournalChainTest.execute(
          true,
          "UPDATE journal_entry SET entry_hash = decode(?, 'hex') WHERE chain_id = ? AND chain_seq = ?",
          hash,
          chain,
          seq);
      JournalChainTest.execute(
          true,
          "UPDATE journal_entry SET previous_hash = decode(?, 'hex') WHERE chain_id = ? AND chain_seq = ?",
          hash,
          chain,
          seq + 1);
    }
    JournalChainTest.execute(
        true,
        "UPDATE journal_chain_head SET entry_hash = decode(?, 'hex') WHERE chain_id = ?",
        JournalChainTest.recompute(grantId, entries - 1),
        chain);
  }
}
