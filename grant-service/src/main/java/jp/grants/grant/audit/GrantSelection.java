package jp.grants.grant.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.contracts.grant.ProposalSubmitted;

/**
 * Which grants belong to a program and run in a fiscal year, decided from the event store itself:
 * the program from the grant's first event, the years from its award and from every later event
 * that moves its end (step-down, extension, termination) as recorded in the events' payloads.
 */
@ApplicationScoped
public class GrantSelection {
  @Inject DataSource dataSource;
  @Inject GrantReplayer replayer;

  public List<UUID> grantsOf(String program, int fiscalYear) {
    List<UUID> candidates = new ArrayList<>();
    String sql =
        "SELECT aggregate_identifier FROM domain_event_entry WHERE sequence_number = 0"
            + " AND payload_type = ? AND convert_from(payload, 'UTF8')::jsonb ->> 'programCode' = ?"
            + " ORDER BY global_index";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, ProposalSubmitted.class.getName());
      s.setString(2, program);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          candidates.add(UUID.fromString(rs.getString(1)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the event store", e);
    }
    // The years come from replaying each grant's events: the aggregate is the one authority on
    // them.
    return candidates.stream()
        .filter(
            id ->
                replayer
                    .replay(id, e -> true)
                    .map(v -> v.startFiscalYear() <= fiscalYear && fiscalYear <= v.endFiscalYear())
                    .orElse(false))
        .toList();
  }
}
