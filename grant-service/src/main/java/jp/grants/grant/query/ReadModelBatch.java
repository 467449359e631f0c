package jp.grants.grant.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one batch of the read-model processor writes, gathered while its events are handled and
 * written in a few JDBC batches when the batch commits (in the transaction of the processor's
 * token). Per grant, the changes of all its events in the batch are folded into one UPDATE: the
 * last status, phase, end year, total and final amount that an event set, the sums of the money
 * moved, the newest version. New grants are inserted first, their institutions next, then the
 * updates, then the disbursements in the order their events came (a request before its answer).
 */
final class ReadModelBatch {
  private static final String INSERT_SUMMARY =
      "INSERT INTO grant_summary (grant_id, program_code, status, title,"
          + " applicant_id, pi_name, pi_institution, start_fiscal_year, end_fiscal_year, version, submitted_at,"
          + " updated_at, call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_INSTITUTION =
      "INSERT INTO grant_institution (grant_id, institution, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
  private static final String UPDATE_SUMMARY =
      "UPDATE grant_summary SET status = COALESCE(?, status),"
          + " pi_name = COALESCE(?, pi_name), pi_institution = COALESCE(?, pi_institution),"
          + " phase = COALESCE(?, phase), end_fiscal_year = COALESCE(?, end_fiscal_year),"
          + " total_awarded_yen = COALESCE(?, total_awarded_yen), final_amount_yen = COALESCE(?, final_amount_yen),"
          + " settled = settled OR ?, disbursed_yen = disbursed_yen + ?, refunded_yen = refunded_yen + ?,"
          + " indirect_cost_yen = indirect_cost_yen + ?, version = ?, updated_at = ? WHERE grant_id = ?";
  private static final String INSERT_REQUEST =
      "INSERT INTO grant_disbursement (grant_id, disbursement_id,"
          + " fiscal_year, amount_yen, expense_category, state, position, requested_at)"
          + " VALUES (?, ?, ?, ?, ?, '"
          + DisbursementState.REQUESTED
          + "', ?, ?) ON CONFLICT (grant_id, disbursement_id) DO NOTHING";

  /**
   * The ledger's answer settles the open request, or records one the grant never made; only the
   * first counts.
   */
  private static final String SETTLE =
      "INSERT INTO grant_disbursement (grant_id, disbursement_id, fiscal_year,"
          + " amount_yen, expense_category, state, position, settled_sequence, settled_at, rule, indirect_cost_yen)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (grant_id, disbursement_id) DO UPDATE SET state = EXCLUDED.state,"
          + " fiscal_year = EXCLUDED.fiscal_year, amount_yen = EXCLUDED.amount_yen,"
          + " expense_category = COALESCE(EXCLUDED.expense_category, grant_disbursement.expense_category),"
          + " settled_sequence = EXCLUDED.settled_sequence, settled_at = EXCLUDED.settled_at, rule = EXCLUDED.rule,"
          + " indirect_cost_yen = EXCLUDED.indirect_cost_yen"
          + " WHERE grant_disbursement.state = '"
          + DisbursementState.REQUESTED
          + "'";

  /** A new grant's row. */
  record NewGrant(
      UUID grantId,
      String programCode,
      String status,
      String title,
      String applicantId,
      String piName,
      String piInstitution,
      int startFiscalYear,
      int endFiscalYear,
      long version,
      Instant submittedAt,
      UUID callId) {}

  /** One row of grant_disbursement to write: a request, or an answer. */
  record DisbursementRow(
      boolean answer,
      UUID grantId,
      UUID disbursementId,
      int fiscalYear,
      long amountYen,
      String expenseCategory,
      DisbursementState state,
      String rule,
      Long indirectCostYen,
      long sequence,
      Instant time) {}

  /** The folded changes of one grant's events. */
  static final class Change {
    String status;
    String piName;
    String piInstitution;
    String phase;
    Integer endFiscalYear;
    Long totalAwardedYen;
    Long finalAmountYen;
    boolean settled;
    long disbursedYen;
    long refundedYen;
    long indirectCostYen;
    long version = -1;
    Instant updatedAt;
  }

  private final List<NewGrant> grants = new ArrayList<>();
  private final List<Object[]> institutions = new ArrayList<>();
  private final Map<UUID, Change> changes = new LinkedHashMap<>();

  /** A grant's institutions of one role (HOST, PI). */
  private record Role(UUID grantId, String role) {}

  /** Per grant and role, the institutions that replace the role's rows; last wins. */
  private final Map<Role, List<String>> replacedInstitutions = new LinkedHashMap<>();

  private final List<DisbursementRow> disbursements = new ArrayList<>();

  void insert(NewGrant grant) {
    grants.add(grant);
  }

  void institution(UUID grantId, String institution, String role) {
    institutions.add(new Object[] {grantId, institution, role});
  }

  /** The grant's institutions of a role are these from now on (a PI's or a host change). */
  void replaceInstitutions(UUID grantId, String role, List<String> institutionsNow) {
    replacedInstitutions.put(new Role(grantId, role), List.copyOf(institutionsNow));
  }

  /** The change of the grant in this batch, moved to the event's version and time. */
  Change change(UUID grantId, long sequence, Instant time) {
    Change change = changes.computeIfAbsent(grantId, id -> new Change());
    if (sequence > change.version) {
      change.version = sequence;
      change.updatedAt = time;
    }
    return change;
  }

  void disbursement(DisbursementRow row) {
    disbursements.add(row);
  }

  void write(Connection c) throws SQLException {
    if (!grants.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement(INSERT_SUMMARY)) {
        for (NewGrant g : grants) {
          s.setObject(1, g.grantId());
          s.setString(2, g.programCode());
          s.setString(3, g.status());
          s.setString(4, g.title());
          s.setString(5, g.applicantId());
          s.setString(6, g.piName());
          s.setString(7, g.piInstitution());
          s.setInt(8, g.startFiscalYear());
          s.setInt(9, g.endFiscalYear());
          s.setLong(10, g.version());
          s.setTimestamp(11, Timestamp.from(g.submittedAt()));
          s.setObject(13, g.callId());
          s.setTimestamp(12, Timestamp.from(g.submittedAt()));
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!institutions.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement(INSERT_INSTITUTION)) {
        for (Object[] row : institutions) {
          s.setObject(1, row[0]);
          s.setString(2, (String) row[1]);
          s.setString(3, (String) row[2]);
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!replacedInstitutions.isEmpty()) {
      try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM grant_institution WHERE grant_id = ? AND role = ?");
          PreparedStatement insert = c.prepareStatement(INSERT_INSTITUTION)) {
        for (var replaced : replacedInstitutions.entrySet()) {
          Role key = replaced.getKey();
          delete.setObject(1, key.grantId());
          delete.setString(2, key.role());
          delete.addBatch();
          for (String institution : replaced.getValue()) {
            insert.setObject(1, key.grantId());
            insert.setString(2, institution);
            insert.setString(3, key.role());
            insert.addBatch();
          }
        }
        delete.executeBatch();
        insert.executeBatch();
      }
    }
    if (!changes.isEmpty()) {
      List<UUID> order = new ArrayList<>(changes.keySet());
      try (PreparedStatement s = c.prepareStatement(UPDATE_SUMMARY)) {
        for (UUID grantId : order) {
          Change ch = changes.get(grantId);
          s.setString(1, ch.status);
          s.setString(2, ch.piName);
          s.setString(3, ch.piInstitution);
          s.setString(4, ch.phase);
          setInteger(s, 5, ch.endFiscalYear);
          setLong(s, 6, ch.totalAwardedYen);
          setLong(s, 7, ch.finalAmountYen);
          s.setBoolean(8, ch.settled);
          s.setLong(9, ch.disbursedYen);
          s.setLong(10, ch.refundedYen);
          s.setLong(11, ch.indirectCostYen);
          s.setLong(12, ch.version);
          s.setTimestamp(13, Timestamp.from(ch.updatedAt));
          s.setObject(14, grantId);
          s.addBatch();
        }
        int[] counts = s.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == 0) {
            // the batch is retried (the token stays): a grant's first event is always before its
            // others
            throw new IllegalStateException("read model has no grant " + order.get(i));
          }
        }
      }
    }
    if (!disbursements.isEmpty()) {
      try (PreparedStatement request = c.prepareStatement(INSERT_REQUEST);
          PreparedStatement settle = c.prepareStatement(SETTLE)) {
        // requests first: every answer comes after its request in the grant's history
        for (DisbursementRow row : disbursements) {
          if (!row.answer()) {
            request.setObject(1, row.grantId());
            request.setObject(2, row.disbursementId());
            request.setInt(3, row.fiscalYear());
            request.setLong(4, row.amountYen());
            request.setString(5, row.expenseCategory());
            request.setLong(6, row.sequence());
            request.setTimestamp(7, Timestamp.from(row.time()));
            request.addBatch();
          }
        }
        request.executeBatch();
        for (DisbursementRow row : disbursements) {
          if (row.answer()) {
            settle.setObject(1, row.grantId());
            settle.setObject(2, row.disbursementId());
            settle.setInt(3, row.fiscalYear());
            settle.setLong(4, row.amountYen());
            settle.setString(5, row.expenseCategory());
            settle.setString(6, row.state().name());
            settle.setLong(7, row.sequence());
            settle.setLong(8, row.sequence());
            settle.setTimestamp(9, Timestamp.from(row.time()));
            settle.setString(10, row.rule());
            setLong(settle, 11, row.indirectCostYen());
            settle.addBatch();
          }
        }
        settle.executeBatch();
      }
    }
  }

  private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value);
    }
  }

  private static void setInteger(PreparedStatement s, int index, Integer value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.INTEGER);
    } else {
      s.setInt(index, value);
    }
  }
}
