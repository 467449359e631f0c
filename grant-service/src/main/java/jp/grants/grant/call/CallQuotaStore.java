package jp.grants.grant.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import jp.grants.grant.command.CallQuota;
import jp.grants.grant.command.GrantRule;

/**
 * Takes a call's planned award for a grant in the award's transaction (the command's JTA
 * transaction, which also appends the grant's events): one statement that counts the award only
 * while the call has a place left and names the grant, so that concurrent awards, from REST and
 * from committee decisions alike and across instances, never pass the planned number (the table's
 * CHECK holds it too). A refused award rolls nothing forward.
 */
@ApplicationScoped
public class CallQuotaStore implements CallQuota {
  @Inject DataSource dataSource;

  @Override
  public void take(UUID callId, UUID grantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement take =
            c.prepareStatement(
                "WITH taken AS (UPDATE call_for_proposals SET awarded = awarded + 1"
                    + " WHERE call_id = ? AND awarded < planned_awards RETURNING call_id)"
                    + " INSERT INTO call_award (call_id, grant_id, awarded_at)"
                    + " SELECT call_id, ?, now() FROM taken RETURNING call_id")) {
      take.setObject(1, callId);
      take.setObject(2, grantId);
      try (ResultSet rs = take.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      throw GrantRule.CALL_AWARDS_PLANNED.violation(
          refusal(c, callId) + "; a program officer may raise the number first");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take the call's planned award", e);
    }
  }

  private static String refusal(Connection c, UUID callId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT planned_awards, awarded FROM call_for_proposals WHERE call_id = ?")) {
      select.setObject(1, callId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return "the grant's call for proposals " + callId + " is not known";
        }
        return "call "
            + callId
            + " planned "
            + rs.getInt(1)
            + " awards and "
            + rs.getInt(2)
            + " were made: awarding more needs an explicit decision with a reason"
            + " (POST /api/v1/calls/"
            + callId
            + "/planned-awards)";
      }
    }
  }
}
