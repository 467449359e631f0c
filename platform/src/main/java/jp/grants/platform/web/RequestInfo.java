package jp.grants.platform.web;

import jakarta.enterprise.context.RequestScoped;

/** What the current request is: its correlation id and its request line, for event metadata. */
@RequestScoped
public class RequestInfo {
  private String correlationId;
  private String requestLine;

  public String correlationId() {
    return correlationId;
  }

  public String requestLine() {
    return requestLine;
  }

  void set(String correlationId, String requestLine) {
    this.correlationId = correlationId;
    this.requestLine = requestLine;
  }
}
