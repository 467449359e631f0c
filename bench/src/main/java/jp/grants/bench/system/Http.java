package jp.grants.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JDK's HTTP/1.1 client ({@link HttpClient}) for the services' REST APIs, shared by every
 * thread: the set-up calls use it (awarding grants, statuses, the read model's rebuild). The hot
 * loops use {@link LeanHttp}, whose own CPU per request is a small fraction of this client's (or
 * this one, as a {@link RestClient}, with {@code --client jdk}).
 */
public final class Http {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * An answer: status, body and the headers the benchmarks read.
   *
   * @param retryAfter the {@code Retry-After} header as sent (seconds, or an HTTP date)
   * @param replayed {@code Idempotent-Replayed: true}: the answer of an earlier request with the
   *     same key
   */
  public record Reply(
      int status,
      String body,
      Optional<String> etag,
      Optional<String> retryAfter,
      boolean replayed) {
    public Reply(int status, String body, Optional<String> etag) {
      this(status, body, etag, Optional.empty(), false);
    }

    public Reply expect(int expected, String what) {
      if (status != expected) {
        throw new IllegalStateException(
            what
                + " answered "
                + status
                + " (expected "
                + expected
                + "): "
                + body.substring(0, Math.min(body.length(), 500)));
      }
      return this;
    }

    /**
     * The Retry-After delay in milliseconds (delta-seconds or an HTTP date), if the header was sent
     * and readable.
     */
    public OptionalLong retryAfterMillis() {
      if (retryAfter.isEmpty()) {
        return OptionalLong.empty();
      }
      String value = retryAfter.get().trim();
      try {
        return OptionalLong.of(Math.max(0, Long.parseLong(value)) * 1000);
      } catch (NumberFormatException notSeconds) {
        try {
          ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
          return OptionalLong.of(
              Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis()));
        } catch (DateTimeParseException notADate) {
          return OptionalLong.empty();
        }
      }
    }

    /** The start of the body, for messages. */
    public String bodyStart() {
      return body.substring(0, Math.min(body.length(), 300));
    }
  }

  /** POST a JSON body; {@code headers} are name, value pairs. */
  public Reply post(URI uri, String token, String json, String... headers)
      throws InterruptedException {
    return send(request("POST", uri, token, json, headers));
  }

  /** PUT a JSON body. */
  public Reply put(URI uri, String token, String json) throws InterruptedException {
    return send(request("PUT", uri, token, json, new String[0]));
  }

  public Reply get(URI uri, String token) throws InterruptedException {
    return send(request("GET", uri, token, null, new String[0]));
  }

  /** A request built once and sendable any number of times (a JDK HttpRequest is immutable). */
  HttpRequest request(String method, URI uri, String token, String json, String[] headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (method.equals("GET")) {
      builder.GET();
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(
              method,
              json == null
                  ? HttpRequest.BodyPublishers.noBody()
                  : HttpRequest.BodyPublishers.ofString(json));
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  Reply send(HttpRequest request) throws InterruptedException {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      var headers = response.headers();
      return new Reply(
          response.statusCode(),
          response.body(),
          headers.firstValue("ETag"),
          headers.firstValue("Retry-After"),
          headers.firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    }
  }
}
