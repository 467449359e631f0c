package jp.grants.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicLong;
import jp.grants.platform.problem.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body larger than {@code quarkus.http.limits.max-body-size} with a 413 RFC 9457
 * problem, before any of it reaches a resource. Quarkus answers such a request itself (route order
 * -2), but with an empty body; this route runs first and answers with a problem instead.
 *
 * <p>The refused body is read and thrown away before the answer is sent, so that a client that
 * writes its whole body before reading (most do) reads the problem instead of a broken connection;
 * past {@value #DRAIN_FACTOR} times the limit the connection is closed instead.
 *
 * <p>A chunked body (no {@code Content-Length}) is refused with 411: its size is only known once it
 * is read, and Quarkus REST reads it after this route, where an overflow ends the response without
 * a body. The API's bodies are small JSON documents, which every client sends with a length.
 */
@ApplicationScoped
public class RequestBodyLimit {
  /** Before Quarkus' own Content-Length check (order -2) and its authentication. */
  static final int ORDER = -1_000;

  static final long DRAIN_FACTOR = 8;

  @ConfigProperty(name = "quarkus.http.limits.max-body-size")
  MemorySize maxBodySize;

  @Inject ObjectMapper json;

  void install(@Observes Router router) {
    long limit = maxBodySize.asLongValue();
    router.route().order(ORDER).handler(context -> check(context, limit));
  }

  private void check(RoutingContext context, long limit) {
    HttpServerRequest request = context.request();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null
        && request.headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true)) {
      refuse(
          context,
          Response.Status.LENGTH_REQUIRED,
          "length-required",
          "a request body must come with a Content-Length header (chunked bodies are not accepted); at most "
              + limit
              + " bytes",
          limit);
    } else if (length != null && declared(length) > limit) {
      refuse(
          context,
          Response.Status.REQUEST_ENTITY_TOO_LARGE,
          "content-too-large",
          "the request body has " + length.trim() + " bytes; at most " + limit + " are accepted",
          limit);
    } else {
      context.next();
    }
  }

  private static long declared(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1; // the HTTP codec refuses a malformed Content-Length before any route runs
    }
  }

  private void refuse(
      RoutingContext context, Response.Status status, String kind, String detail, long limit) {
    HttpServerRequest request = context.request();
    HttpServerResponse response =
        context
            .response()
            .setStatusCode(status.getStatusCode())
            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    Buffer problem = Buffer.buffer(write(Problem.of(status, kind, detail).at(request.path())));
    if (request.isEnded()) {
      response.end(problem);
      return;
    }
    AtomicLong read = new AtomicLong();
    request.handler(
        chunk -> {
          if (read.addAndGet(chunk.length()) > limit * DRAIN_FACTOR && !response.ended()) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            response.end(problem).onComplete(done -> request.connection().close());
          }
        });
    request.endHandler(
        end -> {
          if (!response.ended()) {
            response.end(problem);
          }
        });
    request.exceptionHandler(failure -> request.connection().close());
    request.resume();
  }

  private byte[] write(Problem problem) {
    try {
      return json.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a problem", e);
    }
  }
}
