package jp.grants.grant.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for the ledger-service the auditors' reconciliations read (a separate process in a real
 * run): it answers the two calls the grant-service makes, with no grants for a program's year and
 * no years for a grant, and only to a caller that passes a bearer token on, as the reconciliation
 * must (it relays the auditor's own token).
 */
public class LedgerStub implements QuarkusTestResourceLifecycleManager {
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/api/v1/ledger/programs/",
        exchange -> {
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          boolean bearer = authorization != null && authorization.startsWith("Bearer ");
          byte[] body = (bearer ? "[]" : "{\"status\":401}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(bearer ? 200 : 401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    // The reconciliation of one grant: the ledger has the grant's account, with no years.
    server.createContext(
        "/api/v1/ledger/grants/",
        exchange -> {
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          boolean bearer = authorization != null && authorization.startsWith("Bearer ");
          String[] path = exchange.getRequestURI().getPath().split("/");
          String grant = path.length > 5 ? path[5] : "";
          byte[] body =
              (bearer
                      ? "{\"grantId\":\""
                          + grant
                          + "\",\"programCode\":\"WPI\",\"status\":\"ACTIVE\","
                          + "\"settled\":false,\"years\":[]}"
                      : "{\"status\":401}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(bearer ? 200 : 401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return Map.of(
        "quarkus.rest-client.ledger.url", "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
