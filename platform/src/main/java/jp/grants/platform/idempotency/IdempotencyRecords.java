package jp.grants.platform.idempotency;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The one storage shape of idempotency keys: table {@code idempotency_record}, created in each
 * service's own database by a migration with the same DDL (grant-service V8, ledger-service V7,
 * review-service V4), and the SQL that reads and writes it, on the caller's connection so that the
 * record commits with the request's effect or not at all.
 *
 * <p>A row is one (scope, key): the scope is whose key it is (the caller's subject: two callers'
 * keys never meet), the fingerprint the request's ({@link Idempotency#fingerprint}), the answer its
 * status, media type, body and the headers a replay repeats (ETag, Location). An answer rendered
 * from what the request created (the ledger's disbursements, carry-overs and refunds) names it in
 * {@code operation} and {@code resource_id} instead of a body. The first request claims the key by
 * inserting the row; a concurrent one with the same key waits on the primary key until the first
 * commits (then reads its answer) or rolls back (then claims the key itself): one effect.
 */
public final class IdempotencyRecords {
  public static final String TABLE = "idempotency_record";

  /** One claim: inserted, or nothing when the key is held. */
  static final String CLAIM =
      "INSERT INTO idempotency_record (scope, idempotency_key, fingerprint) VALUES (?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

  static final String FIND =
      "SELECT fingerprint, status, media_type, response_body, etag, location, operation, resource_id"
          + " FROM idempotency_record WHERE scope = ? AND idempotency_key = ?";

  static final String COMPLETE =
      "UPDATE idempotency_record SET status = ?, media_type = ?, response_body = ?, etag = ?,"
          + " location = ? WHERE scope = ? AND idempotency_key = ?";

  /** An answer recorded after the request's own transaction rolled back (a refusal). */
  static final String RECORD =
      "INSERT INTO idempotency_record (scope, idempotency_key, fingerprint, status, media_type,"
          + " response_body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  /**
   * Many claims in one round trip (the ledger's engine, for a batch): parameters are arrays of
   * scopes, keys, fingerprints, resource ids and operations; returns the (scope, key) of the rows
   * inserted. Ordered by key so that concurrent batches wait on each other without deadlock.
   */
  public static final String CLAIM_MANY =
      "INSERT INTO idempotency_record (scope, idempotency_key, fingerprint, resource_id, operation)"
          + " SELECT s, k, f, d, o FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::uuid[],"
          + " ?::varchar[]) AS r(s, k, f, d, o) ORDER BY s, k ON CONFLICT DO NOTHING"
          + " RETURNING scope, idempotency_key";

  /**
   * The records of many (scope, key) pairs (arrays of scopes and keys): scope, key, fingerprint,
   * status, media type, body, resource id, operation.
   */
  public static final String FIND_MANY =
      "SELECT k.scope, k.idempotency_key, k.fingerprint, k.status, k.media_type, k.response_body,"
          + " k.resource_id, k.operation FROM idempotency_record k"
          + " JOIN unnest(?::varchar[], ?::varchar[]) AS r(s, k2)"
          + " ON k.scope = r.s AND k.idempotency_key = r.k2";

  /** Frees many claims (arrays of scopes and keys): the request did nothing a retry must repeat. */
  public static final String RELEASE_MANY =
      "DELETE FROM idempotency_record k USING unnest(?::varchar[], ?::varchar[]) AS r(s, k2)"
          + " WHERE k.scope = r.s AND k.idempotency_key = r.k2";

  private IdempotencyRecords() {}

  /** What a key answered, as stored. */
  public record Stored(
      String fingerprint,
      Integer status,
      String mediaType,
      String body,
      String etag,
      String location,
      String operation,
      UUID resourceId) {

    /** The stored answer again, marked as a replay. */
    public Response replay() {
      Response.ResponseBuilder builder =
          Response.status(status)
              .type(mediaType == null ? "application/json" : mediaType)
              .entity(body)
              .header(Idempotency.REPLAYED, "true");
      if (etag != null) {
        builder.tag(new EntityTag(etag));
      }
      if (location != null) {
        builder.location(URI.create(location));
      }
      return builder.build();
    }
  }

  /**
   * Claims the key for this request in the connection's transaction: empty when it is new (the
   * request is to be done), else what the key holds (a concurrent holder has ended by then).
   */
  public static Optional<Stored> claim(Connection c, String scope, String key, String fingerprint)
      throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(CLAIM)) {
      insert.setString(1, scope);
      insert.setString(2, key);
      insert.setString(3, fingerprint);
      if (insert.executeUpdate() == 1) {
        return Optional.empty();
      }
    }
    return find(c, scope, key);
  }

  public static Optional<Stored> find(Connection c, String scope, String key) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(FIND)) {
      select.setString(1, scope);
      select.setString(2, key);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        int status = rs.getInt(2);
        return Optional.of(
            new Stored(
                rs.getString(1),
                rs.wasNull() ? null : status,
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, UUID.class)));
      }
    }
  }

  /** Records the answer of a claimed key. */
  public static void complete(
      Connection c,
      String scope,
      String key,
      int status,
      String mediaType,
      String body,
      String etag,
      String location)
      throws SQLException {
    try (PreparedStatement update = c.prepareStatement(COMPLETE)) {
      update.setInt(1, status);
      update.setString(2, mediaType);
      update.setString(3, body);
      update.setString(4, etag);
      update.setString(5, location);
      update.setString(6, scope);
      update.setString(7, key);
      update.executeUpdate();
    }
  }

  /** Records an answer for a key nobody holds (after a refusal rolled the request back). */
  public static void record(
      Connection c,
      String scope,
      String key,
      String fingerprint,
      int status,
      String mediaType,
      String body)
      throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(RECORD)) {
      insert.setString(1, scope);
      insert.setString(2, key);
      insert.setString(3, fingerprint);
      insert.setInt(4, status);
      insert.setString(5, mediaType);
      insert.setString(6, body);
      insert.executeUpdate();
    }
  }
}
