package jp.grants.launcher;

/** The local system could not start; the message says which part and why, for a person to read. */
public class LocalSystemException extends RuntimeException {
  public LocalSystemException(String message) {
    super(message);
  }

  public LocalSystemException(String message, Throwable cause) {
    super(message, cause);
  }
}
