package jp.grants.ledger.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Many disbursement requests in flight at once, as a burst of finance front ends sends them: every
 * request is sent before the first answer is awaited, each on a connection of its own.
 */
public final class Storm {
  /** One request: its key and body. */
  public record Call(String key, String body) {}

  /** What the ledger answered. */
  public record Answer(
      Call call, int status, String body, Optional<String> retryAfter, boolean replayed) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .build();
  private final URI endpoint;

  public Storm(URI endpoint) {
    this.endpoint = endpoint;
  }

  public static Call call(UUID grantId, int fiscalYear, long amountYen) {
    return new Call("storm-" + UUID.randomUUID(), body(grantId, fiscalYear, amountYen));
  }

  public static String body(UUID grantId, int fiscalYear, long amountYen) {
    return "{\"grantId\":\""
        + grantId
        + "\",\"fiscalYear\":"
        + fiscalYear
        + ",\"amountYen\":"
        + amountYen
        + ",\"expenseCategory\":\"PERSONNEL\",\"purpose\":\"storm\"}";
  }

  /** Sends every call at once and waits for all the answers. */
  public List<Answer> send(List<Call> calls) {
    return await(start(calls));
  }

  /** Sends every call at once; the answers as they come. */
  public List<CompletableFuture<Answer>> start(List<Call> calls) {
    String token = Tokens.finance();
    List<CompletableFuture<Answer>> answers = new ArrayList<>();
    for (Call call : calls) {
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(120))
              .header("Authorization", token)
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", call.key())
              .POST(HttpRequest.BodyPublishers.ofString(call.body()))
              .build();
      answers.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .thenApply(
                  r ->
                      new Answer(
                          call,
                          r.statusCode(),
                          r.body(),
                          r.headers().firstValue("Retry-After"),
                          r.headers()
                              .firstValue("Idempotent-Replayed")
                              .map("true"::equals)
                              .orElse(false))));
    }
    return answers;
  }

  public static List<Answer> await(List<CompletableFuture<Answer>> answers) {
    return answers.stream().map(CompletableFuture::join).toList();
  }
}
