package jp.grants.ledger.disbursement.persistence;

import static jp.grants.platform.persistence.StatementBatch.ArrayParam;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.CapLevel;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.ledger.disbursement.command.DisburseCommand;
import jp.grants.ledger.disbursement.domain.Channel;
import jp.grants.ledger.disbursement.domain.DisbursementStatus;
import jp.grants.ledger.disbursement.messaging.LedgerEventPublisher;
import jp.grants.ledger.journal.Provenance;
import jp.grants.ledger.journal.persistence.ProvenanceColumns;
import jp.grants.platform.persistence.StatementBatch;

/**
 * Disbursement rows written and read in bulk by the disbursement engine (plain JDBC: the rows are
 * immutable, and a batch writes hundreds of them in one statement).
 */
public final class DisbursementRows {
  private static final String COLUMNS =
      "disbursement_id, grant_id, program_code, budget_pool, fiscal_year, amount_yen,"
          + " expense_category, purpose, status, rule, cap_level, headroom_yen, reason, journal_entry_id,"
          + " grant_year_headroom_yen, grant_total_headroom_yen, program_year_headroom_yen, channel, requested_by, actor,"
          + " actor_role, correlation_id, causation_id, answer_event_id, indirect_cost_yen, recorded_at";
  static final String INSERT =
      "INSERT INTO disbursement (recorded_at, "
          + COLUMNS.replace(", recorded_at", "")
          + ") SELECT ?, r.* FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::int4[], ?::int8[],"
          + " ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int8[], ?::varchar[], ?::uuid[],"
          + " ?::int8[], ?::int8[], ?::int8[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
          + " ?::varchar[], ?::varchar[], ?::int8[]) AS r";
  static final String FIND =
      "SELECT " + COLUMNS + " FROM disbursement WHERE disbursement_id = ANY (?::uuid[])";

  private DisbursementRows() {}

  /**
   * A request as the ledger records it, before its answer is known. What an event may carry beyond
   * a column's size is clipped, so that no event can be retried forever.
   */
  public static Disbursement requested(DisburseCommand command, OffsetDateTime now) {
    Disbursement d = new Disbursement();
    d.disbursementId = command.disbursementId();
    d.grantId = command.grantId();
    d.programCode = clip(command.programCode(), 64);
    d.fiscalYear = command.fiscalYear();
    d.amountYen = command.amountYen();
    d.expenseCategory = command.expenseCategory();
    d.purpose = clip(command.purpose(), 500);
    d.channel = command.channel();
    d.requestedBy = clip(command.requestedBy(), 200);
    Provenance p = command.provenance();
    d.provenance =
        ProvenanceColumns.of(
            new Provenance(
                clip(p.actor(), 200),
                clip(p.actorRole(), 64),
                clip(p.correlationId(), 100),
                clip(p.causationId(), 200)));
    d.answerEventId = LedgerEventPublisher.answerEventId(command.disbursementId());
    d.recordedAt = now;
    return d;
  }

  /** Adds the insert of the disbursements (all recorded at {@code now}) to the batch. */
  public static void addInsert(StatementBatch batch, List<Disbursement> rows, OffsetDateTime now) {
    int n = rows.size();
    Object[][] columns = new Object[25][n];
    for (int i = 0; i < n; i++) {
      Disbursement d = rows.get(i);
      Object[] values = {
        d.disbursementId,
        d.grantId,
        d.programCode,
        d.budgetPool,
        d.fiscalYear,
        d.amountYen,
        name(d.expenseCategory),
        d.purpose,
        name(d.status),
        d.rule,
        name(d.capLevel),
        d.headroomYen,
        d.reason,
        d.journalEntryId,
        d.grantYearHeadroomYen,
        d.grantTotalHeadroomYen,
        d.programYearHeadroomYen,
        name(d.channel),
        d.requestedBy,
        d.provenance.actor,
        d.provenance.actorRole,
        d.provenance.correlationId,
        d.provenance.causationId,
        d.answerEventId,
        d.indirectCostYen
      };
      for (int c = 0; c < values.length; c++) {
        columns[c][i] = values[c];
      }
    }
    String[] types = {
      "uuid", "uuid", "varchar", "varchar", "int4", "int8", "varchar", "varchar", "varchar",
      "varchar", "varchar", "int8", "varchar", "uuid", "int8", "int8", "int8", "varchar", "varchar",
      "varchar", "varchar", "varchar", "varchar", "varchar", "int8"
    };
    Object[] parameters = new Object[26];
    parameters[0] = now;
    for (int c = 0; c < types.length; c++) {
      parameters[c + 1] = new ArrayParam(types[c], typed(types[c], columns[c]));
    }
    batch.add(INSERT, parameters);
  }

  /** The stored disbursements among the ids. */
  public static Map<UUID, Disbursement> find(Connection c, Collection<UUID> ids)
      throws SQLException {
    Map<UUID, Disbursement> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    try (PreparedStatement select = c.prepareStatement(FIND)) {
      select.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Disbursement d = read(rs);
          found.put(d.disbursementId, d);
        }
      }
    }
    return found;
  }

  private static Disbursement read(ResultSet rs) throws SQLException {
    Disbursement d = new Disbursement();
    d.disbursementId = rs.getObject(1, UUID.class);
    d.grantId = rs.getObject(2, UUID.class);
    d.programCode = rs.getString(3);
    d.budgetPool = rs.getString(4);
    d.fiscalYear = rs.getInt(5);
    d.amountYen = rs.getLong(6);
    d.expenseCategory = rs.getString(7) == null ? null : ExpenseCategory.valueOf(rs.getString(7));
    d.purpose = rs.getString(8);
    d.status = DisbursementStatus.valueOf(rs.getString(9));
    d.rule = rs.getString(10);
    d.capLevel = rs.getString(11) == null ? null : CapLevel.valueOf(rs.getString(11));
    d.headroomYen = (Long) rs.getObject(12);
    d.reason = rs.getString(13);
    d.journalEntryId = rs.getObject(14, UUID.class);
    d.grantYearHeadroomYen = (Long) rs.getObject(15);
    d.grantTotalHeadroomYen = (Long) rs.getObject(16);
    d.programYearHeadroomYen = (Long) rs.getObject(17);
    d.channel = Channel.valueOf(rs.getString(18));
    d.requestedBy = rs.getString(19);
    d.provenance =
        ProvenanceColumns.of(
            new Provenance(rs.getString(20), rs.getString(21), rs.getString(22), rs.getString(23)));
    d.answerEventId = rs.getString(24);
    d.indirectCostYen = (Long) rs.getObject(25);
    d.recordedAt = rs.getObject(26, OffsetDateTime.class);
    return d;
  }

  private static Object[] typed(String type, Object[] values) {
    return switch (type) {
      case "uuid" -> java.util.Arrays.copyOf(values, values.length, UUID[].class);
      case "int4" -> java.util.Arrays.copyOf(values, values.length, Integer[].class);
      case "int8" -> java.util.Arrays.copyOf(values, values.length, Long[].class);
      default -> java.util.Arrays.copyOf(values, values.length, String[].class);
    };
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static String clip(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }
}
