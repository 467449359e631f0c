package jp.grants.grant.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.FiscalYears;
import jp.grants.contracts.Topics;
import jp.grants.contracts.call.CallEvent;
import jp.grants.contracts.call.CallForProposalsClosed;
import jp.grants.contracts.call.CallForProposalsOpened;
import jp.grants.contracts.call.CallPlannedAwardsChanged;
import jp.grants.grant.command.GrantRule;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.platform.messaging.Outbox;
import jp.grants.platform.problem.StaleVersionException;
import jp.grants.platform.security.Actor;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Calls for proposals (公募): opened by a program officer for a program and fiscal year, each change
 * an event of the call's append-only history ({@code call_event}) and, through the outbox in the
 * same transaction, of {@code call-events}. A proposal names an open call ({@link
 * #acceptProposal}); an award takes one of the call's planned places ({@link CallQuotaStore}).
 * Dates are days in Japan (the funders' calendar).
 */
@ApplicationScoped
public class Calls {
  /**
   * Programs whose calls are joint calls with a partner-country funding agency (共同公募), which each
   * call names: ASPIRE (seed 001: 「共同公募 (Joint-Call)」) and the three SICORP types (JST's joint
   * calls with partner agencies). docs/seed-rules.md.
   */
  public static final Set<String> JOINT_CALL_PROGRAMS =
      Set.of("ASPIRE", "SICORP-CONSORTIUM", "SICORP-CORE-TEAM", "SICORP-ACCELERATION");

  static final String SOURCE = "/grant-service";

  @Inject DataSource dataSource;
  @Inject Outbox outbox;
  @Inject EnvelopeCodec codec;

  Clock clock = Clock.system(FiscalYears.JAPAN);

  /** What a program officer states to open a call. */
  public record Opening(
      String programCode,
      int fiscalYear,
      String title,
      LocalDate opensOn,
      LocalDate closesOn,
      int plannedAwards,
      String partnerAgency) {}

  LocalDate today() {
    return LocalDate.now(clock.withZone(FiscalYears.JAPAN));
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public CallView open(UUID callId, Opening opening, Actor actor, String correlationId) {
    String program = ProgramCatalog.load().require(opening.programCode()).code();
    if (opening.closesOn().isBefore(opening.opensOn())) {
      throw GrantRule.CALL_DATES.violation(
          "a call closes on or after the day it opens: closesOn "
              + opening.closesOn()
              + " is before opensOn "
              + opening.opensOn());
    }
    String partner = blankToNull(opening.partnerAgency());
    if (JOINT_CALL_PROGRAMS.contains(program) && partner == null) {
      throw GrantRule.CALL_PARTNER_AGENCY.violation(
          program
              + " calls are joint calls with a partner-country funding agency (共同公募): name it in"
              + " partnerAgency");
    }
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO call_for_proposals (call_id, program_code, fiscal_year, title,"
                    + " partner_agency, opens_on, closes_on, planned_awards, opened_by, opened_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *")) {
      insert.setObject(1, callId);
      insert.setString(2, program);
      insert.setInt(3, opening.fiscalYear());
      insert.setString(4, opening.title());
      insert.setString(5, partner);
      insert.setDate(6, Date.valueOf(opening.opensOn()));
      insert.setDate(7, Date.valueOf(opening.closesOn()));
      insert.setInt(8, opening.plannedAwards());
      insert.setString(9, actor.subject());
      insert.setTimestamp(10, Timestamp.from(now));
      CallView opened = single(insert);
      record(
          c,
          0,
          new CallForProposalsOpened(
              callId,
              program,
              opening.fiscalYear(),
              opening.title(),
              opening.opensOn(),
              opening.closesOn(),
              opening.plannedAwards(),
              partner),
          actor,
          correlationId,
          now);
      return opened;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the call", e);
    }
  }

  /**
   * The explicit decision to award more (or fewer) grants from the call than planned, with its
   * reason: never below the grants already awarded from it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public CallView changePlannedAwards(
      UUID callId,
      Long expectedVersion,
      int plannedAwards,
      String reason,
      Actor actor,
      String correlationId) {
    try (Connection c = dataSource.getConnection()) {
      CallView call = require(c, callId, true);
      checkVersion(call, expectedVersion);
      if (plannedAwards == call.plannedAwards()) {
        throw GrantRule.CALL_PLAN_UNCHANGED.violation(
            "the call already plans " + plannedAwards + " awards");
      }
      CallView changed;
      if (plannedAwards < call.awarded()) {
        throw GrantRule.CALL_PLAN.violation(
            call.awarded()
                + " grants were awarded from the call already: it cannot plan fewer than that ("
                + plannedAwards
                + ")");
      }
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE call_for_proposals SET planned_awards = ?, version = version + 1"
                  + " WHERE call_id = ? RETURNING *")) {
        update.setInt(1, plannedAwards);
        update.setObject(2, callId);
        changed = single(update);
      }
      record(
          c,
          call.version() + 1,
          new CallPlannedAwardsChanged(
              callId, call.plannedAwards(), plannedAwards, call.awarded(), reason),
          actor,
          correlationId,
          clock.instant());
      return changed;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot change the call's planned awards", e);
    }
  }

  /** Closes the call before its closing date: no proposal is accepted from then on. */
  @Transactional(Transactional.TxType.MANDATORY)
  public CallView close(
      UUID callId, Long expectedVersion, String reason, Actor actor, String correlationId) {
    try (Connection c = dataSource.getConnection()) {
      CallView call = require(c, callId, true);
      checkVersion(call, expectedVersion);
      if (call.status() == CallStatus.CLOSED) {
        throw GrantRule.CALL_CLOSED.violation(closedDetail(call));
      }
      LocalDate today = today();
      CallView closed;
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE call_for_proposals SET closed_on = ?, close_reason = ?, version = version + 1"
                  + " WHERE call_id = ? RETURNING *")) {
        update.setDate(1, Date.valueOf(today));
        update.setString(2, reason);
        update.setObject(3, callId);
        closed = single(update);
      }
      record(
          c,
          call.version() + 1,
          new CallForProposalsClosed(callId, today, call.proposals(), reason),
          actor,
          correlationId,
          clock.instant());
      return closed;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the call", e);
    }
  }

  /**
   * Counts a proposal submitted to the call, in the submission's transaction, after checking that
   * the call takes it: the call exists, is of the proposal's program and fiscal year, and is open
   * today. One statement: the count's row lock also keeps a concurrent closure from passing it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void acceptProposal(UUID callId, String programCode, int startFiscalYear) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE call_for_proposals SET proposals = proposals + 1 WHERE call_id = ?"
                    + " RETURNING *")) {
      update.setObject(1, callId);
      CallView call;
      try (ResultSet rs = update.executeQuery()) {
        if (!rs.next()) {
          throw GrantRule.CALL_KNOWN.violation(
              "no call for proposals " + callId + ": name one of GET /api/v1/calls");
        }
        call = view(rs);
      }
      if (!call.programCode().equals(programCode)) {
        throw GrantRule.CALL_PROGRAM.violation(
            "call " + callId + " is a call of " + call.programCode() + ", not of " + programCode);
      }
      if (call.fiscalYear() != startFiscalYear) {
        throw GrantRule.CALL_FISCAL_YEAR.violation(
            "call "
                + callId
                + " awards grants that start in fiscal year "
                + call.fiscalYear()
                + ", not "
                + startFiscalYear);
      }
      if (call.status() == CallStatus.SCHEDULED) {
        throw GrantRule.CALL_NOT_OPEN.violation(
            "call " + callId + " opens on " + call.opensOn() + " (Japan time)");
      }
      if (call.status() == CallStatus.CLOSED) {
        throw GrantRule.CALL_CLOSED.violation(closedDetail(call));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the call for proposals", e);
    }
  }

  @Transactional
  public Optional<CallView> find(UUID callId) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, callId, false);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the call", e);
    }
  }

  /** A page of calls, newest fiscal year and opening first. */
  @Schema(name = "CallPage")
  public record Page(List<CallView> items, int page, int size, long total) {}

  @Transactional
  public Page list(String program, Integer fiscalYear, CallStatus status, int page, int size) {
    // the status follows from today's date: CallStatus filters by the rule view() applies
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>();
    if (program != null) {
      where.append(" AND program_code = ?");
      parameters.add(program);
    }
    if (fiscalYear != null) {
      where.append(" AND fiscal_year = ?");
      parameters.add(fiscalYear);
    }
    if (status != null) {
      status.appendCondition(where, parameters, today());
    }
    try (Connection c = dataSource.getConnection()) {
      long total;
      try (PreparedStatement count =
          c.prepareStatement("SELECT count(*) FROM call_for_proposals" + where)) {
        bind(count, parameters);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<CallView> items = new ArrayList<>();
      try (PreparedStatement select =
          c.prepareStatement(
              "SELECT * FROM call_for_proposals"
                  + where
                  + " ORDER BY fiscal_year DESC, opens_on DESC, call_id LIMIT ? OFFSET ?")) {
        bind(select, parameters);
        select.setInt(parameters.size() + 1, size);
        select.setLong(parameters.size() + 2, (long) page * size);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            items.add(view(rs));
          }
        }
      }
      return new Page(items, page, size, total);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the calls", e);
    }
  }

  /** The call's history, oldest first. */
  @Transactional
  public List<CallHistoryEntry> history(UUID callId) {
    try (Connection c = dataSource.getConnection()) {
      if (find(c, callId, false).isEmpty()) {
        throw new NotFoundException("no call for proposals " + callId);
      }
      List<CallHistoryEntry> entries = new ArrayList<>();
      try (PreparedStatement select =
          c.prepareStatement("SELECT * FROM call_event WHERE call_id = ? ORDER BY sequence")) {
        select.setObject(1, callId);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            entries.add(
                new CallHistoryEntry(
                    rs.getLong("sequence"),
                    rs.getObject("event_id", UUID.class),
                    rs.getString("event_type"),
                    codec.json().readTree(rs.getString("payload")),
                    rs.getString("actor"),
                    rs.getString("actor_role"),
                    rs.getTimestamp("recorded_at").toInstant()));
          }
        }
      }
      return entries;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read the call's history", e);
    }
  }

  private void record(
      Connection c, long sequence, CallEvent event, Actor actor, String correlationId, Instant time)
      throws SQLException {
    UUID eventId = UUID.randomUUID();
    EventEnvelope envelope =
        codec.wrap(
            eventId.toString(),
            SOURCE,
            time,
            null, // the envelope's sequence is a grant stream's; the history API numbers the call's
            new EventMetadata(correlationId, null, actor.subject(), actor.role()),
            event);
    JsonNode data = envelope.data();
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO call_event (call_id, sequence, event_id, event_type, payload, actor,"
                + " actor_role, recorded_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
      insert.setObject(1, event.callId());
      insert.setLong(2, sequence);
      insert.setObject(3, eventId);
      insert.setString(4, EventTypes.nameOf(event.getClass()));
      insert.setString(5, codec.json().writeValueAsString(data));
      insert.setString(6, actor.subject());
      insert.setString(7, actor.role());
      insert.setTimestamp(8, Timestamp.from(time));
      insert.executeUpdate();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a call event", e);
    }
    outbox.append(Topics.CALL_EVENTS, envelope);
  }

  /** The one row a write returned. */
  private CallView single(PreparedStatement write) throws SQLException {
    try (ResultSet rs = write.executeQuery()) {
      rs.next();
      return view(rs);
    }
  }

  private CallView require(Connection c, UUID callId, boolean forUpdate) throws SQLException {
    return find(c, callId, forUpdate)
        .orElseThrow(() -> new NotFoundException("no call for proposals " + callId));
  }

  private Optional<CallView> find(Connection c, UUID callId, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT * FROM call_for_proposals WHERE call_id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
      select.setObject(1, callId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  private CallView view(ResultSet rs) throws SQLException {
    LocalDate opensOn = rs.getDate("opens_on").toLocalDate();
    LocalDate closesOn = rs.getDate("closes_on").toLocalDate();
    Date closed = rs.getDate("closed_on");
    LocalDate closedOn = closed == null ? null : closed.toLocalDate();
    LocalDate today = today();
    CallStatus status = CallStatus.on(today, opensOn, closesOn, closedOn);
    return new CallView(
        rs.getObject("call_id", UUID.class),
        rs.getString("program_code"),
        rs.getInt("fiscal_year"),
        rs.getString("title"),
        rs.getString("partner_agency"),
        opensOn,
        closesOn,
        rs.getInt("planned_awards"),
        rs.getInt("awarded"),
        rs.getInt("proposals"),
        status,
        closedOn,
        rs.getString("close_reason"),
        rs.getLong("version"),
        rs.getString("opened_by"),
        rs.getTimestamp("opened_at").toInstant());
  }

  private static String closedDetail(CallView call) {
    return call.closedOn() != null
        ? "call " + call.callId() + " was closed on " + call.closedOn() + ": " + call.closeReason()
        : "call " + call.callId() + " closed on " + call.closesOn() + " (Japan time)";
  }

  private static void checkVersion(CallView call, Long expectedVersion) {
    if (expectedVersion != null && expectedVersion != call.version()) {
      throw new StaleVersionException("the call", call.version());
    }
  }

  private static void bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
