package jp.grants.bench.raw;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The raw baseline of replay: one grant's stored event rows, every column, read with one plain JDBC
 * query.
 */
public final class RawRead {
  private final PreparedStatement select;

  public RawRead(Connection grantDb) throws SQLException {
    grantDb.setAutoCommit(false); // lets the driver fetch in rounds of the fetch size
    select =
        grantDb.prepareStatement(
            "SELECT global_index, event_identifier, meta_data, payload, payload_revision,"
                + " payload_type, time_stamp, aggregate_identifier, sequence_number, type, previous_hash, event_hash"
                + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number");
    select.setFetchSize(1000);
  }

  /** Reads every row and column of the grant's stream; returns the rows read. */
  public long read(UUID grant) throws SQLException {
    select.setString(1, grant.toString());
    long rows = 0;
    long bytes = 0;
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        rows++;
        rs.getLong(1);
        bytes += rs.getString(2).length();
        byte[] meta = rs.getBytes(3);
        bytes += (meta == null ? 0 : meta.length) + rs.getBytes(4).length;
        rs.getString(5);
        rs.getString(6);
        rs.getString(7);
        rs.getString(8);
        rs.getLong(9);
        rs.getString(10);
        rs.getBytes(11);
        rs.getBytes(12);
      }
    }
    select.getConnection().commit();
    return bytes >= 0 ? rows : -1;
  }
}
