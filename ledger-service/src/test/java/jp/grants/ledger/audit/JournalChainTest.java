package jp.grants.ledger.audit;

import static io.restassured.RestAssured.given;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import db.migration.V11_1__JournalChainBackfill;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.grants.audit.verifier.VerifyExport;
import jp.grants.contracts.audit.ChainHash;
import jp.grants.contracts.audit.ChainVerifier;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.ledger.journal.EntryKind;
import jp.grants.ledger.journal.JournalEntry;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.journal.persistence.Journal;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.Db;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.ledger.support.Ledger;
import jp.grants.ledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The journal is a hash chain per grant (issue 18): every entry of a grant, whoever wrote it (the
 * award's consumer, the disbursement engine), is a link hashed as contracts' ChainHash computes it
 * over the entry's canonical JSON; the auditor's verify recomputes it from the rows and names an
 * altered line, a re-hashed entry and a removed newest entry; the database refuses a forked
 * sequence; concurrent disbursements leave one unbroken chain; the export verifies offline.
 */
@QuarkusTest
class JournalChainTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAYLOAD_TYPE = "jp.grants.ledger.JournalEntry";

  @TestHTTPResource("/api/v1/ledger/disbursements")
  URL disbursements;

  @Test
  void shouldChainEveryEntryOfAGrantAndNameEachTamperingOnVerify() throws Exception {
    UUID grantId = awardedGrant(2085, 60_000_000L);
    for (int i = 0; i < 3; i++) {
      disburse(grantId, 2085, 1_000_000L + i).statusCode(201);
    }

    JsonPath chain = journal(grantId);
    assertThat(chain.getString("chainId")).isEqualTo(grantId.toString());
    assertThat(chain.getInt("total")).isEqualTo(4);
    assertThat(chain.getList("entries.sequence", Long.class)).containsExactly(0L, 1L, 2L, 3L);
    assertThat(chain.getList("entries.kind"))
        .containsExactly("GRANT_AWARDED", "DISBURSED", "DISBURSED", "DISBURSED");
    assertThat(chain.getString("entries[0].previousHash")).isEqualTo("00".repeat(32));
    for (int seq = 0; seq < 4; seq++) {
      assertThat(chain.getString("entries[" + seq + "].hash"))
          .as("entry " + seq)
          .isEqualTo(recomputedHash(grantId, seq));
      if (seq > 0) {
        assertThat(chain.getString("entries[" + seq + "].previousHash"))
            .isEqualTo(chain.getString("entries[" + (seq - 1) + "].hash"));
      }
    }
    assertThat(chain.getLong("entries[3].data.amountYen")).isEqualTo(1_000_002L);
    assertThat(chain.getList("entries[3].data.lines.lineNo", Integer.class)).startsWith(1, 2);
    verify(grantId)
        .body("valid", equalTo(true))
        .body("entriesChecked", equalTo(4))
        .body("chainHeadSequence", equalTo(3))
        .body("chainHead", equalTo(chain.getString("entries[3].hash")));
    assertThat(verifyOffline(grantId).output()).contains("OK: 4 events of 1 grant(s) verified");

    assertThatThrownBy(
            () ->
                execute(
                    false,
                    "UPDATE journal_line SET debit_yen = 1 WHERE entry_id = ?",
                    id(chain, 2)))
        .hasMessageContaining("append-only");

    // 1. A line's amount altered behind the ledger's back: that entry's own hash breaks.
    long debit =
        Db.number(
            "SELECT debit_yen FROM journal_line WHERE entry_id = ? AND line_no = 1", id(chain, 2));
    execute(
        true,
        "UPDATE journal_line SET debit_yen = debit_yen + 1 WHERE entry_id = ? AND line_no = 1",
        id(chain, 2));
    verify(grantId)
        .body("valid", equalTo(false))
        .body("entriesChecked", equalTo(2))
        .body("firstBrokenLink.sequence", equalTo(2))
        .body("firstBrokenLink.entryId", equalTo(id(chain, 2).toString()))
        .body("firstBrokenLink.problem", equalTo("ALTERED"));
    VerifierRun offline = verifyOffline(grantId);
    assertThat(offline.status()).isEqualTo(1);
    assertThat(offline.output()).contains("BAD line 3").contains("was altered");
    execute(
        true,
        "UPDATE journal_line SET debit_yen = ? WHERE entry_id = ? AND line_no = 1",
        debit,
        id(chain, 2));
    verify(grantId).body("valid", equalTo(true));

    // 2. An entry's memo altered and its hash recomputed: the next link names it re-hashed.
    String hash1 = chain.getString("entries[1].hash");
    alterAndRehash(grantId, id(chain, 1), 1, "memo = 'forged'");
    verify(grantId)
        .body("valid", equalTo(false))
        .body("entriesChecked", equalTo(2))
        .body("firstBrokenLink.sequence", equalTo(1))
        .body("firstBrokenLink.entryId", equalTo(id(chain, 1).toString()))
        .body("firstBrokenLink.problem", equalTo("REHASHED"));
    execute(
        true,
        "UPDATE journal_entry SET memo = ?, entry_hash = decode(?, 'hex') WHERE entry_id = ?",
        chain.getString("entries[1].data.memo"),
        hash1,
        id(chain, 1));
    verify(grantId).body("valid", equalTo(true));

    // ... and the newest entry re-hashed: the head the ledger keeps names it.
    String hash3 = chain.getString("entries[3].hash");
    alterAndRehash(grantId, id(chain, 3), 3, "amount_yen = 1");
    verify(grantId)
        .body("valid", equalTo(false))
        .body("entriesChecked", equalTo(4))
        .body("firstBrokenLink.sequence", equalTo(3))
        .body("firstBrokenLink.problem", equalTo("REHASHED"))
        .body("firstBrokenLink.reason", containsString("chain head"));
    execute(
        true,
        "UPDATE journal_entry SET amount_yen = ?, entry_hash = decode(?, 'hex') WHERE entry_id = ?",
        1_000_002L,
        hash3,
        id(chain, 3));
    verify(grantId).body("valid", equalTo(true));

    // 3. A second link with a sequence the chain has: refused by the database, superuser or not.
    assertThatThrownBy(
            () ->
                execute(
                    true,
                    "INSERT INTO journal_entry (entry_id, kind, grant_id, amount_yen, actor, actor_role,"
                        + " recorded_at, chain_id, chain_seq, previous_hash, entry_hash)"
                        + " SELECT gen_random_uuid(), kind, grant_id, amount_yen, actor, actor_role,"
                        + " recorded_at, chain_id, chain_seq, previous_hash, entry_hash FROM journal_entry"
                        + " WHERE entry_id = ?",
                    id(chain, 3)))
        .hasMessageContaining("journal_entry_chain_link");

    // 4. The newest entry removed (the head left alone): the head names the missing sequence.
    execute(true, "DELETE FROM journal_line WHERE entry_id = ?", id(chain, 3));
    execute(true, "DELETE FROM journal_entry WHERE entry_id = ?", id(chain, 3));
    verify(grantId)
        .body("valid", equalTo(false))
        .body("entriesChecked", equalTo(3))
        .body("chainHeadSequence", equalTo(3))
        .body("firstBrokenLink.sequence", equalTo(3))
        .body("firstBrokenLink.problem", equalTo("REMOVED"))
        .body("firstBrokenLink.reason", containsString("newest"));
  }

  @Test
  void shouldKeepOneUnbrokenChainWhenDisbursementsOnOneGrantRunConcurrently() throws Exception {
    UUID grantId = awardedGrant(2087, 100_000_000L);
    int threads = 12;
    int each = 6;
    int appenders = 4;
    int appends = 5;
    HttpClient http = HttpClient.newHttpClient();
    Journal journal = Arc.container().instance(Journal.class).get();
    ExecutorService pool = Executors.newFixedThreadPool(threads + appenders);
    List<Future<Integer>> answers = new ArrayList<>();
    List<Future<?>> appended = new ArrayList<>();
    try {
      // The engine's batches (REST) and, at the same time, writers of their own transactions
      // appending to the same chain (as the grant-events consumer and a second instance do).
      for (int i = 0; i < threads * each; i++) {
        long amount = 10_000L + i;
        answers.add(pool.submit(() -> post(http, grantId, 2087, amount)));
      }
      for (int t = 0; t < appenders; t++) {
        appended.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < appends; i++) {
                    QuarkusTransaction.requiringNew()
                        .run(
                            () ->
                                journal.append(
                                    JournalEntry.builder(EntryKind.ALLOCATION_CHANGED, "chain test")
                                        .move(
                                            "grant:" + grantId + ":chain-test",
                                            "grant:" + grantId + ":chain-test-source",
                                            1)
                                        .build(),
                                    Journal.Subject.grant(grantId, "WPI"),
                                    Provenance.system()));
                  }
                }));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(201);
      }
      for (Future<?> done : appended) {
        done.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    int entries = 1 + threads * each + appenders * appends;
    JsonPath chain = journal(grantId);
    assertThat(chain.getInt("total")).isEqualTo(entries);
    List<Long> sequences = chain.getList("entries.sequence", Long.class);
    for (int i = 0; i < entries; i++) {
      assertThat(sequences.get(i)).isEqualTo(i);
    }
    assertThat(Db.number("SELECT count(*) FROM journal_entry WHERE grant_id = ?", grantId))
        .isEqualTo(entries);
    assertThat(chain.getList("entries.kind").stream().filter("DISBURSED"::equals).count())
        .isEqualTo(threads * each);
    verify(grantId)
        .body("valid", equalTo(true))
        .body("entriesChecked", equalTo(entries))
        .body("chainHeadSequence", equalTo(entries - 1));
    assertThat(verifyOffline(grantId).output())
        .contains("OK: " + entries + " events of 1 grant(s) verified");
  }

  @Test
  void shouldChainEntriesWithoutAGrantPerBudgetPool() throws Exception {
    String pool = "JSPS-INTERNATIONAL-FELLOWSHIP";
    Ledger.setBudget(pool, 2093, 900_000_000L);
    Ledger.setBudget(pool, 2094, 800_000_000L);
    Ledger.setBudget(pool, 2093, 700_000_000L);

    JsonPath chain =
        given()
            .header("Authorization", Tokens.auditor())
            .get("/api/v1/audit/ledger/pools/" + pool + "/journal")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(chain.getString("chainId")).isEqualTo("pool:" + pool);
    assertThat(chain.getString("grantId")).isNull();
    int total = chain.getInt("total");
    assertThat(total).isGreaterThanOrEqualTo(3);
    // (each first budget of a year from the catalog is entered before it is set)
    List<Integer> set =
        chain.getList("entries.findAll { it.kind == 'BUDGET_SET' }.data.fiscalYear", Integer.class);
    assertThat(set.subList(set.size() - 3, set.size())).containsExactly(2093, 2094, 2093);
    assertThat(chain.getList("entries.data.grantId")).containsOnlyNulls();
    assertThat(chain.getList("entries.sequence", Long.class)).last().isEqualTo(total - 1L);
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/audit/ledger/pools/" + pool + "/journal/verify")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("entriesChecked", equalTo(total));
    assertThat(verifyOffline("/api/v1/audit/ledger/pools/" + pool + "/journal/export").output())
        .contains("OK: " + total + " events of 1 grant(s) verified");
    given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/audit/ledger/pools/NO-SUCH-POOL/journal")
        .then()
        .statusCode(404);
  }

  /**
   * The migration's backfill, run again over every entry the tests wrote (in a transaction rolled
   * back), gives every entry the very link and every chain the very head the writers gave them.
   */
  @Test
  void shouldBackfillTheSameLinksAsTheWritersComputed() throws Exception {
    assertThat(
            Db.number(
                "SELECT count(*) FROM flyway_schema_history WHERE version = '11.1' AND success"
                    + " AND type = 'JDBC'"))
        .as("the Java migration ran at start-up")
        .isEqualTo(1);
    UUID grantId = awardedGrant(2088, 10_000_000L);
    disburse(grantId, 2088, 123_456L).statusCode(201);
    Ledger.setBudget("WPI", 2089, 5_000_000_000L);
    try (Connection c = Db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        Map<String, String> links =
            snapshot(
                c,
                "SELECT entry_id::text, chain_id || '/' || chain_seq"
                    + " || '/' || encode(previous_hash, 'hex') || '/' || encode(entry_hash, 'hex') FROM journal_entry");
        Map<String, String> heads =
            snapshot(
                c,
                "SELECT chain_id, chain_seq || '/' || encode(entry_hash, 'hex')"
                    + " FROM journal_chain_head");
        assertThat(links).hasSizeGreaterThan(3);
        try (var s = c.createStatement()) {
          s.execute("SET LOCAL session_replication_role = replica");
          s.execute("DROP INDEX journal_entry_chain_link");
          s.execute(
              "ALTER TABLE journal_entry ALTER COLUMN chain_id DROP NOT NULL, ALTER COLUMN chain_seq"
                  + " DROP NOT NULL, ALTER COLUMN previous_hash DROP NOT NULL, ALTER COLUMN entry_hash DROP NOT NULL");
          s.execute(
              "UPDATE journal_entry SET chain_id = NULL, chain_seq = NULL, previous_hash = NULL, entry_hash = NULL");
          s.execute("DELETE FROM journal_chain_head");
          s.execute("SET LOCAL session_replication_role = origin");
        }
        V11_1__JournalChainBackfill.backfill(c);
        assertThat(
                snapshot(
                    c,
                    "SELECT entry_id::text, chain_id || '/' || chain_seq"
                        + " || '/' || encode(previous_hash, 'hex') || '/' || encode(entry_hash, 'hex') FROM journal_entry"))
            .isEqualTo(links);
        assertThat(
                snapshot(
                    c,
                    "SELECT chain_id, chain_seq || '/' || encode(entry_hash, 'hex')"
                        + " FROM journal_chain_head"))
            .isEqualTo(heads);
      } finally {
        c.rollback();
      }
    }
    verify(grantId).body("valid", equalTo(true));
  }

  private static Map<String, String> snapshot(Connection c, String sql) throws SQLException {
    Map<String, String> rows = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.put(rs.getString(1), rs.getString(2));
      }
    }
    return rows;
  }

  static UUID awardedGrant(int fiscalYear, long allocation) {
    Ledger.setBudget("WPI", fiscalYear, 5_000_000_000L);
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      GrantAwarded awarded =
          Awards.publish(producer, award("WPI", allocation, fy(fiscalYear, allocation)));
      return awarded.grantId();
    }
  }

  static ValidatableResponse disburse(UUID grantId, int fiscalYear, long amount) {
    return given()
        .header("Authorization", Tokens.finance())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "grantId",
                grantId.toString(),
                "fiscalYear",
                fiscalYear,
                "amountYen",
                amount,
                "expenseCategory",
                "PERSONNEL"))
        .post("/api/v1/ledger/disbursements")
        .then();
  }

  private int post(HttpClient http, UUID grantId, int fiscalYear, long amount) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "grantId",
                grantId.toString(),
                "fiscalYear",
                fiscalYear,
                "amountYen",
                amount,
                "expenseCategory",
                "PERSONNEL"));
    HttpRequest request =
        HttpRequest.newBuilder(disbursements.toURI())
            .header("Authorization", Tokens.finance())
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static JsonPath journal(UUID grantId) {
    return given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/audit/ledger/grants/" + grantId + "/journal")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static ValidatableResponse verify(UUID grantId) {
    return given()
        .header("Authorization", Tokens.auditor())
        .get("/api/v1/audit/ledger/grants/" + grantId + "/journal/verify")
        .then()
        .statusCode(200);
  }

  /**
   * Alters an entry's columns ({@code set}, an SQL SET list) and stores the hash recomputed for the
   * altered entry, as someone who can write the table with its triggers off would.
   */
  private static void alterAndRehash(UUID grantId, UUID entryId, int sequence, String set)
      throws SQLException {
    execute(true, "UPDATE journal_entry SET " + set + " WHERE entry_id = ?", entryId);
    execute(
        true,
        "UPDATE journal_entry SET entry_hash = decode(?, 'hex') WHERE entry_id = ?",
        recompute(grantId, sequence),
        entryId);
  }

  private static UUID id(JsonPath chain, int sequence) {
    return UUID.fromString(chain.getString("entries[" + sequence + "].entryId"));
  }

  record VerifierRun(int status, String output) {}

  /**
   * The export, checked by contracts' ChainVerifier here and by the offline verifier as its own
   * process ({@code java -jar} on audit-verifier's jar, as an auditor runs it).
   */
  private static VerifierRun verifyOffline(UUID grantId) throws Exception {
    return verifyOffline("/api/v1/audit/ledger/grants/" + grantId + "/journal/export");
  }

  private static VerifierRun verifyOffline(String path) throws Exception {
    String export =
        given()
            .header("Authorization", Tokens.auditor())
            .get(path)
            .then()
            .statusCode(200)
            .contentType("application/x-ndjson")
            .extract()
            .asString();
    ChainVerifier inProcess = new ChainVerifier();
    boolean intact = true;
    List<String> lines = List.of(export.split("\n"));
    // the last line is the export's proof against a signed checkpoint (JournalExportProofTest)
    assertThat(lines.get(lines.size() - 1)).startsWith("{\"exportProof\":");
    for (String line : lines.subList(0, lines.size() - 1)) {
      intact &= inProcess.accept(JSON.readValue(line, ExportedEvent.class)).isEmpty();
    }
    Path file = Files.createTempFile("ledger-journal-", ".ndjson");
    Files.writeString(file, export);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path jar =
        Path.of("..", "audit-verifier", "target", "grants-audit-verifier.jar").toAbsolutePath();
    if (Files.isRegularFile(jar)) {
      command.addAll(List.of("-jar", jar.normalize().toString()));
    } else {
      command.addAll(
          List.of("-cp", System.getProperty("java.class.path"), VerifyExport.class.getName()));
    }
    command.add(file.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Files.delete(file);
    assertThat(process.exitValue() == 0).as(output).isEqualTo(intact);
    return new VerifierRun(process.exitValue(), output);
  }

  /** The stored hash, if the test's own computation from the stored rows agrees with it. */
  private static String recomputedHash(UUID grantId, long sequence) throws SQLException {
    String recomputed = recompute(grantId, sequence);
    assertThat(recomputed)
        .isEqualTo(
            Db.text(
                "SELECT encode(entry_hash, 'hex') FROM journal_entry WHERE chain_id = ? AND chain_seq = ?",
                grantId.toString(),
                sequence));
    return recomputed;
  }

  /**
   * The link's hash computed here from the rows as they are, independently of the ledger's code:
   * the canonical JSON as documented (V11__journal_chain.sql), the instant formatted by PostgreSQL.
   */
  static String recompute(UUID grantId, long sequence) throws SQLException {
    try (Connection c = Db.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT entry_id, kind, grant_id, budget_pool, fiscal_year, disbursement_id, amount_yen,"
                    + " actor, actor_role, correlation_id, causation_id, memo, previous_hash,"
                    + " to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                    + " FROM journal_entry WHERE chain_id = ? AND chain_seq = ?")) {
      s.setString(1, grantId.toString());
      s.setLong(2, sequence);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("entry " + sequence).isTrue();
        UUID entryId = rs.getObject(1, UUID.class);
        ObjectNode payload = JSON.createObjectNode();
        payload.put("kind", rs.getString(2));
        payload.put("grantId", rs.getString(3));
        payload.put("budgetPool", rs.getString(4));
        payload.put("fiscalYear", (Integer) rs.getObject(5));
        payload.put("disbursementId", rs.getString(6));
        payload.put("amountYen", rs.getLong(7));
        payload.put("actor", rs.getString(8));
        payload.put("actorRole", rs.getString(9));
        payload.put("correlationId", rs.getString(10));
        payload.put("causationId", rs.getString(11));
        payload.put("memo", rs.getString(12));
        ArrayNode lines = payload.putArray("lines");
        try (PreparedStatement l =
            c.prepareStatement(
                "SELECT line_no, account, debit_yen, credit_yen FROM journal_line WHERE entry_id = ?"
                    + " ORDER BY line_no")) {
          l.setObject(1, entryId);
          try (ResultSet lr = l.executeQuery()) {
            while (lr.next()) {
              lines
                  .addObject()
                  .put("lineNo", lr.getInt(1))
                  .put("account", lr.getString(2))
                  .put("debitYen", lr.getLong(3))
                  .put("creditYen", lr.getLong(4));
            }
          }
        }
        byte[] hash =
            ChainHash.of(
                rs.getBytes(13),
                entryId.toString(),
                grantId.toString(),
                sequence,
                rs.getString(14),
                PAYLOAD_TYPE,
                null,
                JSON.writeValueAsBytes(payload),
                null);
        return HexFormat.of().formatHex(hash);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One statement in a transaction of its own; withoutTriggers switches the triggers off. */
  static void execute(boolean withoutTriggers, String sql, Object... parameters)
      throws SQLException {
    try (Connection c = Db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        if (withoutTriggers) {
          try (var s = c.createStatement()) {
            s.execute("SET LOCAL session_replication_role = replica");
          }
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
          for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
          }
          s.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
