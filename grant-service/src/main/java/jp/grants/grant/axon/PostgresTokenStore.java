package jp.grants.grant.axon;

import static org.axonframework.common.DateTimeUtils.formatInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;

/**
 * Axon's JDBC token store, extending a claim in one statement. An idle processor extends the claims
 * of its segments every few seconds; Axon's JDBC store does it by fetching the token (a {@code
 * SELECT ... FOR UPDATE}, the token deserialized, an {@code UPDATE} of the whole entry): three
 * times the work of the one {@code UPDATE} of the claim's timestamp, which is what an extension
 * changes. A claim another node has taken over updates nothing and is refused, as Axon's would be.
 */
final class PostgresTokenStore extends JdbcTokenStore {
  private final TokenSchema schema;
  private final String nodeId;
  private final String extendClaim;

  PostgresTokenStore(Builder builder, TokenSchema schema, String nodeId) {
    super(builder.schema(schema).nodeId(nodeId));
    this.schema = schema;
    this.nodeId = nodeId;
    this.extendClaim =
        "UPDATE "
            + schema.tokenTable()
            + " SET "
            + schema.timestampColumn()
            + " = ? WHERE "
            + schema.processorNameColumn()
            + " = ? AND "
            + schema.segmentColumn()
            + " = ? AND "
            + schema.ownerColumn()
            + " = ?";
  }

  @Override
  public void extendClaim(String processorName, int segment) {
    try (Connection connection = getConnection();
        PreparedStatement update = connection.prepareStatement(extendClaim)) {
      update.setString(1, formatInstant(AbstractTokenEntry.clock.instant()));
      update.setString(2, processorName);
      update.setInt(3, segment);
      update.setString(4, nodeId);
      if (update.executeUpdate() == 0) {
        throw new UnableToClaimTokenException(
            "Unable to extend the claim on segment "
                + segment
                + " of "
                + processorName
                + ": it is not owned by "
                + nodeId
                + " (in "
                + schema.tokenTable()
                + ")");
      }
    } catch (SQLException e) {
      throw new JdbcException("Could not extend the claim on a token of " + processorName, e);
    }
  }
}
