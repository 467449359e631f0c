package jp.grants.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.grants.bench.harness.ThreadResources;
import jp.grants.bench.system.Http.Reply;
import jp.grants.launcher.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lean client against a scripted HTTP/1.1 server: framing, the headers it reads, reconnects.
 */
class LeanHttpTest {
  /** What the server answers next; "CLOSE" after an answer closes that connection. */
  private final BlockingQueue<String> script = new LinkedBlockingQueue<>();

  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> connections = Collections.synchronizedList(new ArrayList<>());

  /** Connections the client closed (the server read the end of the stream). */
  private final BlockingQueue<Integer> closedByClient = new LinkedBlockingQueue<>();

  private ServerSocket server;
  private Thread acceptor;
  private LeanHttp client;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "scripted-server");
    acceptor.setDaemon(true);
    acceptor.start();
    client = new LeanHttp(service -> server.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  @Test
  void shouldReadFixedLengthAnswersOnOneKeptAliveConnection() {
    script.add(
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\ncontent-length: 11\r\nETag: \"7\"\r\n"
            + "Idempotent-Replayed: true\r\n\r\n{\"ok\":true}");
    script.add("HTTP/1.1 409 Conflict\r\nContent-Length: 2\r\n\r\n{}");

    Reply first =
        client.post(
            Service.LEDGER,
            "/api/v1/ledger/disbursements",
            "t0ken",
            "{\"a\":1}",
            "Idempotency-Key",
            "k-1");
    Reply second = client.get(Service.LEDGER, "/api/v1/ledger/grants/x", "t0ken");

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body()).isEqualTo("{\"ok\":true}");
    assertThat(first.etag()).contains("\"7\"");
    assertThat(first.replayed()).isTrue();
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.replayed()).isFalse();
    assertThat(connections).hasSize(1);
    assertThat(requests.get(0))
        .startsWith("POST /api/v1/ledger/disbursements HTTP/1.1\r\n")
        .contains(
            "Authorization: Bearer t0ken\r\n",
            "Idempotency-Key: k-1\r\n",
            "Content-Type: application/json\r\n",
            "Content-Length: 7\r\n\r\n{\"a\":1}");
    assertThat(requests.get(1))
        .startsWith("GET /api/v1/ledger/grants/x HTTP/1.1\r\n")
        .doesNotContain("Content-Length");
  }

  @Test
  void shouldReadChunkedBodiesAndRetryAfter() {
    script.add(
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n");

    Reply reply = client.send(client.preparePost(Service.LEDGER, "/p", "t", "{}"));

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.body()).isEqualTo("hello world");
    assertThat(reply.retryAfterMillis()).hasValue(2_000);
  }

  @Test
  void shouldOpenANewConnectionAfterConnectionCloseAndAfterAnIdleClose() {
    script.add("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na");
    script.add("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb");
    script.add(
        "CLOSE"); // the server drops the kept-alive connection before the third request is answered
    script.add("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nc");

    assertThat(client.get(Service.GRANT, "/1", null).body()).isEqualTo("a");
    assertThat(client.get(Service.GRANT, "/2", null).body()).isEqualTo("b");
    assertThat(client.get(Service.GRANT, "/3", null).body()).isEqualTo("c");

    assertThat(connections).hasSize(3);
    assertThat(requests)
        .extracting(r -> r.substring(0, r.indexOf(" HTTP")))
        .containsExactly("GET /1", "GET /2", "GET /3");
  }

  @Test
  void shouldCloseAThreadsConnectionsWhenItsLoadRunEnds() throws Exception {
    script.add("HTTP/1.1 204 No Content\r\n\r\n");
    script.add("HTTP/1.1 204 No Content\r\n\r\n");
    Thread thread =
        new Thread(
            () -> {
              client.get(Service.REVIEW, "/x", null);
              ThreadResources.closeAll();
            });
    thread.start();
    thread.join(10_000);

    assertThat(closedByClient.poll(5, TimeUnit.SECONDS))
        .as("the thread's connection, closed")
        .isEqualTo(1);
    assertThat(client.get(Service.REVIEW, "/y", null).status()).isEqualTo(204);
    assertThat(connections).hasSize(2);
  }

  private void accept() {
    int number = 0;
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.add(++number);
        int connection = number;
        Thread serving = new Thread(() -> serve(socket, connection));
        serving.setDaemon(true);
        serving.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket, int connection) {
    try (socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      while (true) {
        String request = readRequest(in);
        if (request == null) {
          closedByClient.add(connection);
          return;
        }
        String answer = script.poll(5, TimeUnit.SECONDS);
        if (answer == null || answer.equals("CLOSE")) {
          return; // closed without answering: the client resends on a new connection
        }
        requests.add(request);
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (answer.toLowerCase(Locale.ROOT).contains("connection: close")) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the test is over
    }
  }

  /**
   * Headers up to the blank line, then Content-Length bytes of body; null at the end of the stream.
   */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      bytes.write(b);
      String text = bytes.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r\n\r\n")) {
        int length = 0;
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }
}
