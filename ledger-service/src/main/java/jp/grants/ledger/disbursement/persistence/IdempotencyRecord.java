package jp.grants.ledger.disbursement.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/**
 * The first answer to a caller's Idempotency-Key, with a fingerprint of the request it answered.
 * The row is claimed (inserted) before anything else happens in the request's transaction, so a
 * concurrent retry with the same key waits for the first one to commit and then reads its answer.
 */
@Entity
@IdClass(IdempotencyRecord.Key.class)
@Table(name = "idempotency_key")
public class IdempotencyRecord extends PanacheEntityBase {
  /** Keys belong to the caller (token subject) that sent them. */
  public record Key(String subject, String idempotencyKey) implements Serializable {}

  @Id
  public String subject;

  @Id
  @Column(name = "idempotency_key")
  public String idempotencyKey;

  /** SHA-256 (hex) of the request body as read. */
  public String fingerprint;

  @Column(name = "response_status")
  public Integer responseStatus;

  @Column(name = "response_type")
  public String responseType;

  @Column(name = "response_body")
  public String responseBody;

  @Column(name = "disbursement_id")
  public UUID disbursementId;
}
