package jp.grants.grant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.grant.Api;
import jp.grants.infra.audit.VerifierProcess;
import org.junit.jupiter.api.Test;

/**
 * Exports with their proofs, checked by the verifier run as its own process: intact exports pass,
 * and every tamper case fails naming its reason, including a history truncated and re-hashed in the
 * database itself after a checkpoint, by an attacker with table access who turned the triggers off.
 */
@QuarkusTest
class ExportProofTest {
  private static final List<String> KYOTO = List.of("Kyoto University");
  @Inject DataSource dataSource;

  private static Path write(String name, String content) throws Exception {
    Path file = Files.createTempFile(name, ".ndjson");
    Files.writeString(file, content);
    return file;
  }

  private static Path key() throws Exception {
    Path file = Files.createTempFile("key", ".json");
    Files.writeString(
        file, Api.auditor().get("/api/v1/audit/checkpoints/key").then().extract().asString());
    return file;
  }

  private static Path trusted(Checkpoint checkpoint) throws Exception {
    Path file = Files.createTempFile("checkpoint-" + checkpoint.index(), ".json");
    Files.writeString(
        file,
        Api.auditor()
            .get("/api/v1/audit/checkpoints/" + checkpoint.index())
            .then()
            .statusCode(200)
            .extract()
            .asString());
    return file;
  }

  private static String export(UUID grant, Long since) {
    var request = Api.auditor().accept("application/x-ndjson");
    if (since != null) {
      request = request.queryParam("since", since);
    }
    return request
        .get("/api/v1/audit/grants/" + grant + "/export")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  @Test
  void shouldProveAnExportCompleteAgainstTheKeyAndAnEarlierCheckpoint() throws Exception {
    assertThat(VerifierProcess.launcher())
        .as("the verifier's own jar, run as auditors run it")
        .startsWith("-jar");
    UUID grant = Api.awarded("SATREPS", 2033, 3, 35_000_000L, KYOTO);
    Checkpoint earlier = CheckpointTest.take();
    Api.post(
            Api.finance(),
            grant,
            "disbursement-requests",
            java.util.Map.of(
                "fiscalYear", 2033, "amountYen", 1_000_000L, "expenseCategory", "PERSONNEL"))
        .statusCode(200);
    String ndjson = export(grant, earlier.index());
    List<String> lines = ndjson.lines().toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("{\"exportProof\":");

    var run =
        VerifierProcess.run(
            "--public-key",
            key().toString(),
            "--checkpoint",
            trusted(earlier).toString(),
            write("export", ndjson).toString());
    assertThat(run.output())
        .startsWith("OK: " + (lines.size() - 1) + " events of 1 grant(s)")
        .contains(
            "signatures verified", "consistent with the trusted checkpoint " + earlier.index());
    assertThat(run.status()).isZero();
  }

  @Test
  void shouldFailOnEveryTamperedCopyOfARealExport() throws Exception {
    UUID grant = Api.awarded("SATREPS", 2034, 3, 35_000_000L, KYOTO);
    String key = key().toString();
    List<String> lines = new ArrayList<>(export(grant, null).lines().toList());

    List<String> truncated = new ArrayList<>(lines);
    truncated.remove(truncated.size() - 2);
    var run =
        VerifierProcess.run(
            "--public-key", key, write("t", String.join("\n", truncated)).toString());
    assertThat(run.output()).startsWith("BAD:").contains("truncated history");
    assertThat(run.status()).isEqualTo(1);

    List<String> reordered = new ArrayList<>(lines);
    reordered.set(1, lines.get(2));
    reordered.set(2, lines.get(1));
    run =
        VerifierProcess.run(
            "--public-key", key, write("r", String.join("\n", reordered)).toString());
    assertThat(run.output()).startsWith("BAD line 2:").contains("reordered");
    assertThat(run.status()).isEqualTo(1);

    List<String> forged = new ArrayList<>(lines);
    String proof = forged.get(forged.size() - 1);
    forged.set(forged.size() - 1, proof.replaceFirst("\"treeSize\":(\\d+)", "\"treeSize\":1$1"));
    run =
        VerifierProcess.run("--public-key", key, write("f", String.join("\n", forged)).toString());
    assertThat(run.output()).startsWith("BAD:").contains("forged");
    assertThat(run.status()).isEqualTo(1);
  }

  @Test
  void shouldFailWhenAGrantIsMissingFromAProgramExport() throws Exception {
    UUID first = Api.awarded("SATREPS", 2060, 3, 35_000_000L, KYOTO);
    UUID second = Api.awarded("SATREPS", 2061, 3, 30_000_000L, KYOTO);
    String ndjson =
        Api.auditor()
            .queryParam("program", "SATREPS")
            .queryParam("fiscalYear", 2062)
            .accept("application/x-ndjson")
            .get("/api/v1/audit/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String key = key().toString();
    var intact = VerifierProcess.run("--public-key", key, write("p", ndjson).toString());
    assertThat(intact.output()).startsWith("OK: 6 events of 2 grant(s)");
    assertThat(intact.status()).isZero();

    String without =
        String.join(
            "\n",
            ndjson.lines().filter(l -> !l.startsWith("{\"grantId\":\"" + second + "\"")).toList());
    var run = VerifierProcess.run("--public-key", key, write("m", without).toString());
    assertThat(run.output()).startsWith("BAD:").contains("grant " + second, "a grant is missing");
    assertThat(run.status()).isEqualTo(1);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void shouldFailOnAHistoryTruncatedAndReHashedInTheDatabaseAfterACheckpoint() throws Exception {
    UUID cut = Api.awarded("SATREPS", 2035, 3, 35_000_000L, KYOTO);
    UUID rewritten = Api.awarded("SATREPS", 2036, 3, 35_000_000L, KYOTO);
    Checkpoint trusted = CheckpointTest.take();
    Path trustedFile = trusted(trusted);
    String key = key().toString();
    List<Object[]> cutRows = rows(cut);
    List<Object[]> rewrittenRows = rows(rewritten);
    try {
      truncate(cut);
      rehash(rewritten, "35000000", "95000000");
      // the service itself no longer sees anything wrong: the chains are whole again
      Api.auditor()
          .get("/api/v1/audit/grants/" + rewritten + "/verify")
          .then()
          .statusCode(200)
          .body("valid", org.hamcrest.Matchers.equalTo(true));

      var truncatedRun =
          VerifierProcess.run(
              "--public-key",
              key,
              "--checkpoint",
              trustedFile.toString(),
              write("cut", export(cut, trusted.index())).toString());
      assertThat(truncatedRun.output())
          .startsWith("BAD:")
          .contains("grant " + cut, "truncated after that checkpoint");
      assertThat(truncatedRun.status()).isEqualTo(1);

      var rehashedRun =
          VerifierProcess.run(
              "--public-key",
              key,
              "--checkpoint",
              trustedFile.toString(),
              write("rewritten", export(rewritten, trusted.index())).toString());
      assertThat(rehashedRun.output())
          .startsWith("BAD:")
          .contains("grant " + rewritten, "rewritten (re-hashed) after that checkpoint");
      assertThat(rehashedRun.status()).isEqualTo(1);
    } finally {
      restore(cut, cutRows); // the read-model rebuild test replays every stored event
      restore(rewritten, rewrittenRows);
    }
  }

  private static final String COLUMNS =
      "global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
          + " payload_type, payload_revision, payload, meta_data, previous_hash, event_hash";

  private List<Object[]> rows(UUID grant) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
      s.setString(1, grant.toString());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[12];
          for (int i = 0; i < 12; i++) {
            row[i] = rs.getObject(i + 1);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The attacker deletes the newest event and points the chain head at the one before. */
  private void truncate(UUID grant) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (var s = c.createStatement()) {
        s.execute("SET LOCAL session_replication_role = replica"); // no trigger fires
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number ="
                  + " (SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?)")) {
        s.setString(1, grant.toString());
        s.setString(2, grant.toString());
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE grant_chain_head h SET sequence_number = e.sequence_number, event_hash = e.event_hash"
                  + " FROM domain_event_entry e WHERE h.aggregate_identifier = ? AND e.aggregate_identifier = ?"
                  + " AND e.sequence_number = (SELECT max(sequence_number) FROM domain_event_entry"
                  + " WHERE aggregate_identifier = ?)")) {
        s.setString(1, grant.toString());
        s.setString(2, grant.toString());
        s.setString(3, grant.toString());
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      c.commit();
    }
  }

  /**
   * The attacker rewrites the history from its first event: every row deleted and inserted again
   * with the altered payload, so that the database's own trigger recomputes every hash.
   */
  private void rehash(UUID grant, String from, String to) throws Exception {
    List<Object[]> rows = rows(grant);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      delete(c, grant);
      for (Object[] row : rows) {
        String payload = new String((byte[]) row[8], java.nio.charset.StandardCharsets.UTF_8);
        row[8] = payload.replace(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        insert(c, row, false);
      }
      c.commit();
    }
  }

  private void restore(UUID grant, List<Object[]> rows) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (var s = c.createStatement()) {
        s.execute("SET LOCAL session_replication_role = replica");
      }
      delete(c, grant);
      for (Object[] row : rows) {
        insert(c, row, true);
      }
      Object[] last = rows.get(rows.size() - 1);
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO grant_chain_head (aggregate_identifier, sequence_number, event_hash)"
                  + " VALUES (?, ?, ?)")) {
        s.setString(1, grant.toString());
        s.setLong(2, (Long) last[3]);
        s.setBytes(3, (byte[]) last[11]);
        s.executeUpdate();
      }
      c.commit();
    }
  }

  private static void delete(Connection c, UUID grant) throws Exception {
    for (String table : List.of("domain_event_entry", "grant_chain_head")) {
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM " + table + " WHERE aggregate_identifier = ?")) {
        s.setString(1, grant.toString());
        s.executeUpdate();
      }
    }
  }

  private static void insert(Connection c, Object[] row, boolean withHashes) throws Exception {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO domain_event_entry ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < 12; i++) {
        s.setObject(i + 1, i >= 10 && !withHashes ? null : row[i]);
      }
      s.executeUpdate();
    }
  }
}
