package jp.grants.platform.problem;

/**
 * An {@code If-Match} named a version the resource has moved past: answered 412 {@code
 * stale-version} with the version it is at now, alike for a grant and a call.
 */
public class StaleVersionException extends RuntimeException {
  /**
   * @param resource what changed, e.g. "the grant" or "the call"
   * @param actualVersion the version it is at now
   */
  public StaleVersionException(String resource, long actualVersion) {
    super(
        resource
            + " changed since the version named in If-Match (now at version "
            + actualVersion
            + "); read it again and retry");
  }

  /** The answer: 412 {@code stale-version}, saying the version it is at now. */
  public Problem toProblem() {
    return Problem.of(
        jakarta.ws.rs.core.Response.Status.PRECONDITION_FAILED, "stale-version", getMessage());
  }
}
