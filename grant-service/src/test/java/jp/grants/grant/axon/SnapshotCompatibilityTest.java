package jp.grants.grant.axon;

import static jp.grants.grant.Api.officer;
import static jp.grants.grant.Api.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import jp.grants.contracts.EventJson;
import jp.grants.grant.Api;
import jp.grants.grant.audit.GrantReplayer;
import jp.grants.grant.command.Grant;
import jp.grants.grant.command.GrantView;
import org.junit.jupiter.api.Test;

/**
 * Snapshots stored by the first shape of the aggregate (every disbursement in one map, no revision)
 * are never used: the grant is rebuilt from its events, which never changed, and the next snapshot
 * has the current shape and revision. Read with the events' tolerant mapper, such a snapshot would
 * otherwise load with the new fields empty: a wrong state, silently.
 */
@QuarkusTest
class SnapshotCompatibilityTest {
  private static final List<String> KYOTO = List.of("Kyoto University");
  private final ObjectMapper json = EventJson.newMapper();
  @Inject DataSource dataSource;
  @Inject GrantReplayer replayer;

  @Test
  void shouldSkipASnapshotOfTheFirstShapeAndRebuildTheGrantFromItsEvents() throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    UUID first = request(grant, 300_000_000L);
    UUID second = request(grant, 400_000_000L);
    GrantView before =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .extract()
            .as(GrantView.class);
    assertThat(before.openDisbursements()).containsOnlyKeys(first, second);

    // What the first shape stored at this point, but with a title that gives it away if it is used.
    storeSnapshot(
        grant, 4, null, firstShape(grant, first, second, "a title only the old snapshot has"));
    GrantView loaded =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .extract()
            .as(GrantView.class);
    assertThat(loaded).isEqualTo(before);

    // Commands still work on it, and the year's allocation is still fully reserved by the two
    // requests.
    post(
            Api.finance(),
            grant,
            "disbursement-requests",
            Map.of("fiscalYear", 2026, "amountYen", 1, "expenseCategory", "PERSONNEL"))
        .statusCode(409)
        .body("rule", org.hamcrest.Matchers.equalTo("GRANT-YEAR-ALLOCATION"));
    IntStream.range(0, 55).forEach(i -> request(grant, 2027, 1_000 + i));

    // The next snapshot has the current shape; the grant loads from it as its events say.
    assertThat(newestSnapshotRevision(grant)).isEqualTo(Grant.SNAPSHOT_REVISION);
    GrantView live =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .extract()
            .as(GrantView.class);
    assertThat(live.title()).isEqualTo(before.title());
    assertThat(live).isEqualTo(replayer.replay(grant, e -> true).orElseThrow());
    assertThat(live.openDisbursements()).hasSize(57);
  }

  @Test
  void shouldSkipAnOldSnapshotNewerThanACurrentOne() throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    IntStream.range(0, 55).forEach(i -> request(grant, 2026, 1_000 + i));
    assertThat(newestSnapshotRevision(grant)).isEqualTo(Grant.SNAPSHOT_REVISION);
    GrantView before =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .extract()
            .as(GrantView.class);

    storeSnapshot(
        grant,
        before.version(),
        null,
        firstShape(grant, UUID.randomUUID(), UUID.randomUUID(), "old"));
    assertThat(
            officer()
                .get("/api/v1/grants/" + grant)
                .then()
                .statusCode(200)
                .extract()
                .as(GrantView.class))
        .isEqualTo(before);
  }

  /**
   * A snapshot of revision 2 (before the grant kept carry-overs, refunds, reports and the
   * settlement) is skipped too: loaded, it would lack the years' money and take its paid sums for
   * net of refunds.
   */
  @Test
  void shouldSkipASnapshotOfRevisionTwo() throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    UUID first = request(grant, 300_000_000L);
    UUID second = request(grant, 400_000_000L);
    GrantView before =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .extract()
            .as(GrantView.class);

    ObjectNode revisionTwo =
        firstShape(grant, first, second, "a title only the revision 2 snapshot has");
    revisionTwo.remove("disbursements");
    ObjectNode open = revisionTwo.putObject("openDisbursements");
    open.set(
        first.toString(),
        json.valueToTree(
            Map.of("fiscalYear", 2026, "amountYen", 300_000_000L, "expenseCategory", "PERSONNEL")));
    open.set(
        second.toString(),
        json.valueToTree(
            Map.of("fiscalYear", 2026, "amountYen", 400_000_000L, "expenseCategory", "PERSONNEL")));
    revisionTwo.putObject("disbursementsByFiscalYear");
    revisionTwo.putArray("recentlySettled");
    storeSnapshot(grant, 4, "2", revisionTwo);
    GrantView loaded =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .extract()
            .as(GrantView.class);
    assertThat(loaded).isEqualTo(before);
    assertThat(loaded.moneyByFiscalYear()).hasSize(10);
  }

  /**
   * A snapshot of revision 3 (before the grant kept the catalog version its rules come from) is
   * skipped too: loaded, it would leave the grant pinned to no version.
   */
  @Test
  void shouldSkipASnapshotOfRevisionThree() throws Exception {
    UUID grant = Api.awarded("WPI", 2026, 10, 700_000_000L, KYOTO);
    IntStream.range(0, 55).forEach(i -> request(grant, 2026, 1_000 + i));
    assertThat(newestSnapshotRevision(grant)).isEqualTo(Grant.SNAPSHOT_REVISION);
    GrantView before =
        officer()
            .get("/api/v1/grants/" + grant)
            .then()
            .statusCode(200)
            .extract()
            .as(GrantView.class);
    assertThat(before.catalogVersion())
        .isEqualTo(jp.grants.catalog.ProgramCatalog.load().version());

    ObjectNode revisionThree = newestSnapshot(grant);
    assertThat(revisionThree.has("catalogVersion")).isTrue();
    revisionThree.remove("catalogVersion");
    revisionThree.put("title", "a title only the revision 3 snapshot has");
    storeSnapshot(grant, before.version(), "3", revisionThree);
    assertThat(
            officer()
                .get("/api/v1/grants/" + grant)
                .then()
                .statusCode(200)
                .extract()
                .as(GrantView.class))
        .isEqualTo(before);
  }

  private ObjectNode newestSnapshot(UUID grant) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT payload FROM snapshot_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1")) {
      s.setString(1, grant.toString());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("a snapshot of grant " + grant).isTrue();
        return (ObjectNode) json.readTree(rs.getBytes(1));
      }
    }
  }

  /** The fields of the first shape of the aggregate, as its snapshots held them. */
  private ObjectNode firstShape(UUID grant, UUID first, UUID second, String title) {
    ObjectNode s = json.createObjectNode();
    s.put("grantId", grant.toString());
    s.put("programCode", "WPI");
    s.put("status", "ACTIVE");
    s.put("title", title);
    s.put("applicantId", Api.APPLICANT);
    s.set(
        "principalInvestigator",
        json.valueToTree(
            Map.of("name", "Hanako Yamada", "institution", "Kyoto University", "country", "JP")));
    s.set("hostInstitutions", json.valueToTree(KYOTO));
    s.put("startFiscalYear", 2026);
    s.put("endFiscalYear", 2035);
    s.put("phase", "MAIN");
    s.set("requestedPlan", json.valueToTree(Api.plan(2026, 10, 700_000_000L)));
    ObjectNode plan = s.putObject("plan");
    IntStream.range(2026, 2036).forEach(year -> plan.put(String.valueOf(year), 700_000_000L));
    s.put("totalAwardedYen", 7_000_000_000L);
    s.putObject("followUps");
    s.putNull("stageGate");
    s.putObject("evaluations");
    s.put("extensionYears", 0);
    ObjectNode disbursements = s.putObject("disbursements");
    disbursements.set(
        first.toString(),
        json.valueToTree(
            Map.of(
                "fiscalYear",
                2026,
                "amountYen",
                300_000_000L,
                "expenseCategory",
                "PERSONNEL",
                "state",
                "REQUESTED")));
    disbursements.set(
        second.toString(),
        json.valueToTree(
            Map.of(
                "fiscalYear",
                2026,
                "amountYen",
                400_000_000L,
                "expenseCategory",
                "PERSONNEL",
                "state",
                "REQUESTED")));
    return s;
  }

  private void storeSnapshot(UUID grant, long sequence, String revision, ObjectNode payload)
      throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, payload,"
                    + " payload_revision, payload_type, time_stamp, meta_data)"
                    // with meta data, as Axon stores it: a snapshot without would fail to load
                    // whatever its revision
                    + " SELECT ?, ?, (SELECT type FROM domain_event_entry WHERE aggregate_identifier = ? LIMIT 1), ?, ?, ?, ?, ?,"
                    + " convert_to('{}', 'UTF8')"
                    + " ON CONFLICT (aggregate_identifier, sequence_number) DO UPDATE SET payload = EXCLUDED.payload,"
                    + " payload_revision = EXCLUDED.payload_revision")) {
      s.setString(1, grant.toString());
      s.setLong(2, sequence);
      s.setString(3, grant.toString());
      s.setString(4, UUID.randomUUID().toString());
      s.setBytes(5, json.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
      s.setString(6, revision);
      s.setString(7, Grant.class.getName());
      s.setString(8, Instant.now().toString());
      s.executeUpdate();
    }
  }

  private String newestSnapshotRevision(UUID grant) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT payload_revision FROM snapshot_event_entry WHERE aggregate_identifier = ?"
                    + " ORDER BY sequence_number DESC LIMIT 1")) {
      s.setString(1, grant.toString());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("a snapshot of grant " + grant).isTrue();
        return rs.getString(1);
      }
    }
  }

  private static UUID request(UUID grant, long yen) {
    return request(grant, 2026, yen);
  }

  private static UUID request(UUID grant, int fiscalYear, long yen) {
    return UUID.fromString(
        post(
                Api.finance(),
                grant,
                "disbursement-requests",
                Map.of("fiscalYear", fiscalYear, "amountYen", yen, "expenseCategory", "PERSONNEL"))
            .statusCode(200)
            .extract()
            .path("disbursementId"));
  }
}
