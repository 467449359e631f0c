package jp.grants.grant.rest;

import static jp.grants.grant.rest.GrantResource.IDEMPOTENCY_KEY;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import java.util.UUID;

/**
 * What every step on a grant is addressed by: the grant in the path, the version the caller last
 * saw ({@code If-Match}, 412 if the grant moved on since) and the caller's {@code Idempotency-Key}
 * (a retry gets the first answer and appends nothing). One {@code @BeanParam} of each lifecycle
 * endpoint, so that an endpoint names only its body and the command it sends.
 */
public class GrantStep {
  @PathParam("id")
  UUID id;

  @HeaderParam("If-Match")
  String ifMatch;

  @HeaderParam(IDEMPOTENCY_KEY)
  String idempotencyKey;

  /** The grant the step is taken on. */
  public UUID id() {
    return id;
  }

  /** The If-Match header as sent, or null. */
  public String ifMatch() {
    return ifMatch;
  }

  /** The Idempotency-Key header as sent, or null. */
  public String idempotencyKey() {
    return idempotencyKey;
  }
}
