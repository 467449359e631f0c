package jp.grants.ledger.money.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.RefundKind;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.money.query.CarryOverView;
import jp.grants.ledger.money.query.RefundView;
import jp.grants.platform.persistence.StatementBatch;
import jp.grants.platform.persistence.StatementBatch.ArrayParam;

/**
 * Carry-over and refund rows, written by the engine in bulk and read back for retries and lists.
 */
public final class MovementRows {
  /** A carry-over to write, with who caused it. */
  public record CarryOverRow(CarryOverView view, Provenance provenance) {}

  /**
   * A refund to write, with who caused it and the journal entry of its additional charge (or null).
   */
  public record RefundRow(RefundView view, UUID chargeEntryId, Provenance provenance) {}

  static final String INSERT_CARRY_OVERS =
      "INSERT INTO carry_over (carry_over_id, grant_id, from_fiscal_year,"
          + " to_fiscal_year, amount_yen, paid_moved_yen, approved, reason, journal_entry_id, actor, actor_role,"
          + " correlation_id, causation_id, recorded_at) SELECT r.*, ? FROM unnest(?::uuid[], ?::uuid[], ?::int4[],"
          + " ?::int4[], ?::int8[], ?::int8[], ?::bool[], ?::varchar[], ?::uuid[], ?::varchar[], ?::varchar[],"
          + " ?::varchar[], ?::varchar[]) AS r";
  static final String INSERT_REFUNDS =
      "INSERT INTO refund (refund_id, grant_id, fiscal_year, kind, amount_yen,"
          + " indirect_cost_yen, additional_charge_yen, reason, journal_entry_id, charge_journal_entry_id, actor,"
          + " actor_role, correlation_id, causation_id, recorded_at) SELECT r.*, ? FROM unnest(?::uuid[], ?::uuid[],"
          + " ?::int4[], ?::varchar[], ?::int8[], ?::int8[], ?::int8[], ?::varchar[], ?::uuid[], ?::uuid[], ?::varchar[],"
          + " ?::varchar[], ?::varchar[], ?::varchar[]) AS r";
  static final String INSERT_CHARGE_LINES =
      "INSERT INTO refund_charge_line (refund_id, line_no, disbursement_id,"
          + " paid_on, amount_yen, days, charge_yen) SELECT * FROM unnest(?::uuid[], ?::int4[], ?::uuid[], ?::date[],"
          + " ?::int8[], ?::int4[], ?::int8[])";
  static final String CARRY_OVER_COLUMNS =
      "SELECT carry_over_id, grant_id, from_fiscal_year, to_fiscal_year,"
          + " amount_yen, paid_moved_yen, approved, reason, journal_entry_id, recorded_at FROM carry_over";
  static final String REFUND_COLUMNS =
      "SELECT refund_id, grant_id, fiscal_year, kind, amount_yen, indirect_cost_yen,"
          + " additional_charge_yen, reason, journal_entry_id, recorded_at FROM refund";
  static final String CHARGE_LINES =
      "SELECT refund_id, disbursement_id, paid_on, amount_yen, days, charge_yen"
          + " FROM refund_charge_line WHERE refund_id = ANY (?::uuid[]) ORDER BY refund_id, line_no";

  private MovementRows() {}

  public static void addCarryOvers(
      StatementBatch batch, List<CarryOverRow> rows, OffsetDateTime now) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    Object[][] c = new Object[13][n];
    for (int i = 0; i < n; i++) {
      CarryOverView v = rows.get(i).view();
      Provenance p = rows.get(i).provenance();
      Object[] values = {
        v.carryOverId(),
        v.grantId(),
        v.fromFiscalYear(),
        v.toFiscalYear(),
        v.amountYen(),
        v.paidMovedYen(),
        v.approved(),
        v.reason(),
        v.journalEntryId(),
        p.actor(),
        p.actorRole(),
        p.correlationId(),
        p.causationId()
      };
      for (int k = 0; k < values.length; k++) {
        c[k][i] = values[k];
      }
    }
    batch.add(
        INSERT_CARRY_OVERS,
        now,
        arr("uuid", c[0], UUID[].class),
        arr("uuid", c[1], UUID[].class),
        arr("int4", c[2], Integer[].class),
        arr("int4", c[3], Integer[].class),
        arr("int8", c[4], Long[].class),
        arr("int8", c[5], Long[].class),
        arr("bool", c[6], Boolean[].class),
        arr("varchar", c[7], String[].class),
        arr("uuid", c[8], UUID[].class),
        arr("varchar", c[9], String[].class),
        arr("varchar", c[10], String[].class),
        arr("varchar", c[11], String[].class),
        arr("varchar", c[12], String[].class));
  }

  public static void addRefunds(StatementBatch batch, List<RefundRow> rows, OffsetDateTime now) {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    Object[][] c = new Object[14][n];
    List<Object[]> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RefundView v = rows.get(i).view();
      Provenance p = rows.get(i).provenance();
      Object[] values = {
        v.refundId(),
        v.grantId(),
        v.fiscalYear(),
        v.kind().name(),
        v.amountYen(),
        v.indirectCostYen(),
        v.additionalChargeYen(),
        v.reason(),
        v.journalEntryId(),
        rows.get(i).chargeEntryId(),
        p.actor(),
        p.actorRole(),
        p.correlationId(),
        p.causationId()
      };
      for (int k = 0; k < values.length; k++) {
        c[k][i] = values[k];
      }
      int no = 1;
      for (RefundView.ChargeLine line : v.chargeDetail()) {
        lines.add(
            new Object[] {
              v.refundId(),
              no++,
              line.disbursementId(),
              line.paidOn(),
              line.amountYen(),
              (int) line.days(),
              line.chargeYen()
            });
      }
    }
    batch.add(
        INSERT_REFUNDS,
        now,
        arr("uuid", c[0], UUID[].class),
        arr("uuid", c[1], UUID[].class),
        arr("int4", c[2], Integer[].class),
        arr("varchar", c[3], String[].class),
        arr("int8", c[4], Long[].class),
        arr("int8", c[5], Long[].class),
        arr("int8", c[6], Long[].class),
        arr("varchar", c[7], String[].class),
        arr("uuid", c[8], UUID[].class),
        arr("uuid", c[9], UUID[].class),
        arr("varchar", c[10], String[].class),
        arr("varchar", c[11], String[].class),
        arr("varchar", c[12], String[].class),
        arr("varchar", c[13], String[].class));
    if (!lines.isEmpty()) {
      int m = lines.size();
      Object[][] l = new Object[7][m];
      for (int i = 0; i < m; i++) {
        for (int k = 0; k < 7; k++) {
          l[k][i] = k == 3 ? lines.get(i)[k].toString() : lines.get(i)[k];
        }
      }
      batch.add(
          INSERT_CHARGE_LINES,
          arr("uuid", l[0], UUID[].class),
          arr("int4", l[1], Integer[].class),
          arr("uuid", l[2], UUID[].class),
          arr("date", l[3], String[].class),
          arr("int8", l[4], Long[].class),
          arr("int4", l[5], Integer[].class),
          arr("int8", l[6], Long[].class));
    }
  }

  private static <T> ArrayParam arr(String type, Object[] values, Class<T[]> kind) {
    return new ArrayParam(type, java.util.Arrays.copyOf(values, values.length, kind));
  }

  public static Map<UUID, CarryOverView> carryOvers(Connection c, Collection<UUID> ids)
      throws SQLException {
    return readCarryOvers(
        c, CARRY_OVER_COLUMNS + " WHERE carry_over_id = ANY (?::uuid[])", ids.toArray());
  }

  public static List<CarryOverView> carryOversOf(Connection c, UUID grantId) throws SQLException {
    return new ArrayList<>(
        readCarryOvers(
                c,
                CARRY_OVER_COLUMNS
                    + " WHERE grant_id = ?::uuid ORDER BY recorded_at, carry_over_id",
                grantId)
            .values());
  }

  public static Map<UUID, RefundView> refunds(Connection c, Collection<UUID> ids)
      throws SQLException {
    return readRefunds(c, REFUND_COLUMNS + " WHERE refund_id = ANY (?::uuid[])", ids.toArray());
  }

  public static List<RefundView> refundsOf(Connection c, UUID grantId) throws SQLException {
    return new ArrayList<>(
        readRefunds(
                c,
                REFUND_COLUMNS + " WHERE grant_id = ?::uuid ORDER BY recorded_at, refund_id",
                grantId)
            .values());
  }

  private static Map<UUID, CarryOverView> readCarryOvers(Connection c, String sql, Object parameter)
      throws SQLException {
    Map<UUID, CarryOverView> found = new java.util.LinkedHashMap<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      set(c, select, parameter);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          CarryOverView v =
              new CarryOverView(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, UUID.class),
                  rs.getInt(3),
                  rs.getInt(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getBoolean(7),
                  rs.getString(8),
                  rs.getObject(9, UUID.class),
                  rs.getObject(10, OffsetDateTime.class));
          found.put(v.carryOverId(), v);
        }
      }
    }
    return found;
  }

  private static Map<UUID, RefundView> readRefunds(Connection c, String sql, Object parameter)
      throws SQLException {
    record Head(
        UUID id,
        UUID grant,
        int fy,
        RefundKind kind,
        long amount,
        long indirect,
        long charge,
        String reason,
        UUID entry,
        OffsetDateTime at) {}
    List<Head> heads = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      set(c, select, parameter);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          heads.add(
              new Head(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, UUID.class),
                  rs.getInt(3),
                  RefundKind.valueOf(rs.getString(4)),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getLong(7),
                  rs.getString(8),
                  rs.getObject(9, UUID.class),
                  rs.getObject(10, OffsetDateTime.class)));
        }
      }
    }
    Map<UUID, List<RefundView.ChargeLine>> lines = new HashMap<>();
    if (!heads.isEmpty()) {
      try (PreparedStatement select = c.prepareStatement(CHARGE_LINES)) {
        select.setArray(1, c.createArrayOf("uuid", heads.stream().map(Head::id).toArray()));
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            lines
                .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                .add(
                    new RefundView.ChargeLine(
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, LocalDate.class),
                        rs.getLong(4),
                        rs.getInt(5),
                        rs.getLong(6)));
          }
        }
      }
    }
    Map<UUID, RefundView> found = new java.util.LinkedHashMap<>();
    for (Head h : heads) {
      found.put(
          h.id(),
          new RefundView(
              h.id(),
              h.grant(),
              h.fy(),
              h.kind(),
              h.amount(),
              h.indirect(),
              h.charge(),
              List.copyOf(lines.getOrDefault(h.id(), List.of())),
              h.reason(),
              h.entry(),
              h.at()));
    }
    return found;
  }

  private static void set(Connection c, PreparedStatement select, Object parameter)
      throws SQLException {
    if (parameter instanceof Object[] ids) {
      select.setArray(1, c.createArrayOf("uuid", ids));
    } else {
      select.setObject(1, parameter);
    }
  }
}
