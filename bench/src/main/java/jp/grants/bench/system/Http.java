package jp.grants.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small HTTP/1.1 client for the services' REST APIs, shared by every client thread. */
public final class Http {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /** An answer: status, body and the ETag header if any. */
  public record Reply(int status, String body, Optional<String> etag) {
    public Reply expect(int expected, String what) {
      if (status != expected) {
        throw new IllegalStateException(what + " answered " + status + " (expected " + expected + "): "
            + body.substring(0, Math.min(body.length(), 500)));
      }
      return this;
    }
  }

  /** POST a JSON body; {@code headers} are name, value pairs. */
  public Reply post(URI uri, String token, String json, String... headers) throws InterruptedException {
    HttpRequest.Builder builder = request(uri, token).header("Content-Type", "application/json")
        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder.build());
  }

  public Reply get(URI uri, String token) throws InterruptedException {
    return send(request(uri, token).GET().build());
  }

  private static HttpRequest.Builder request(URI uri, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Reply send(HttpRequest request) throws InterruptedException {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body(), response.headers().firstValue("ETag"));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    }
  }
}
