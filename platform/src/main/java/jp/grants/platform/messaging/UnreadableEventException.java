package jp.grants.platform.messaging;

/** A record that is not an envelope this system can read: it is dead-lettered, never retried. */
public class UnreadableEventException extends RuntimeException {
  public UnreadableEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
