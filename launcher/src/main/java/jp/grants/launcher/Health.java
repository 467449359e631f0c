package jp.grants.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One look at a service's health endpoint. */
public record Health(int status, String body) {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * A readiness check that waits for a database connection may take the pool's acquisition timeout.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  /** Status 0 when nothing answered within the timeout. */
  public static Health of(URI uri, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Health(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Health(0, "no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(0, "interrupted");
    }
  }

  /** SmallRye Health answers 200 when every check is UP and 503 otherwise. */
  public boolean isUp() {
    return status == 200;
  }

  @Override
  public String toString() {
    return status == 0 ? body : "HTTP " + status + " " + body.replaceAll("\\s+", " ");
  }
}
