package jp.grants.bench.system;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import jp.grants.bench.harness.ThreadResources;
import jp.grants.bench.system.Http.Reply;
import jp.grants.launcher.Service;

/**
 * A lean HTTP/1.1 client for the hot loops, so that the load generator's own CPU stays small beside
 * what it measures (the JDK's HttpClient spends about a millisecond and a half of CPU per request,
 * more than a raw baseline's JDBC client spends per statement).
 *
 * <ul>
 *   <li>One keep-alive socket per client thread and service, opened on first use (or by {@link
 *       #connect}), closed when the thread's load run ends ({@link ThreadResources}) or by {@link
 *       #close}; no pool, no locks, no selector threads.
 *   <li>A request is rendered into one byte array and written with one system call; the constant
 *       header lines (Host, Accept, Authorization) are rendered once per service and token, and a
 *       {@linkplain #preparePost prepared} request is rendered once altogether.
 *   <li>The answer is parsed from the socket's bytes: the status line, the headers the benchmarks
 *       read (Content-Length, Transfer-Encoding: chunked, Connection, ETag, Retry-After,
 *       Idempotent-Replayed; the others are skipped unread), and the body.
 *   <li>{@code Connection: close} closes the socket after the answer; the next request opens a new
 *       one. A kept-alive socket the server closed before answering anything (an idle timeout) is
 *       reopened and the request sent again, once; any other failure is the caller's.
 * </ul>
 */
public final class LeanHttp implements RestClient {
  private static final String HOST = "127.0.0.1";
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int READ_TIMEOUT_MILLIS = (int) Http.REQUEST_TIMEOUT.toMillis();
  private static final int MAX_LINE = 64 * 1024;
  private static final byte[] NO_BODY = new byte[0];

  private final Function<Service, Integer> ports;

  /** Per service and token ("" for none): the constant header lines, rendered once. */
  private final Map<Service, Map<String, byte[]>> headerBlocks = new EnumMap<>(Service.class);

  private final ThreadLocal<Connection[]> connections =
      ThreadLocal.withInitial(() -> new Connection[Service.values().length]);
  private final ThreadLocal<Renderer> renderers = ThreadLocal.withInitial(Renderer::new);
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  public LeanHttp(Function<Service, Integer> ports) {
    this.ports = ports;
    for (Service service : Service.values()) {
      headerBlocks.put(service, new ConcurrentHashMap<>());
    }
  }

  private record Request(Service service, byte[] bytes) implements Prepared {}

  @Override
  public Kind kind() {
    return Kind.LEAN;
  }

  @Override
  public Reply post(Service service, String path, String token, String json, String... headers) {
    Renderer r = render("POST", service, path, token, json, headers);
    return connection(service).exchange(r.bytes, r.length);
  }

  @Override
  public Reply get(Service service, String path, String token) {
    Renderer r = render("GET", service, path, token, null, new String[0]);
    return connection(service).exchange(r.bytes, r.length);
  }

  @Override
  public Prepared preparePost(
      Service service, String path, String token, String json, String... headers) {
    Renderer r = render("POST", service, path, token, json, headers);
    return new Request(service, Arrays.copyOf(r.bytes, r.length));
  }

  @Override
  public Reply send(Prepared prepared) {
    Request request = (Request) prepared;
    return connection(request.service()).exchange(request.bytes(), request.bytes().length);
  }

  @Override
  public void connect(Service service) {
    Connection connection = connection(service);
    try {
      connection.ensureOpen();
    } catch (IOException e) {
      connection.close();
      throw new UncheckedIOException(
          "cannot connect to " + service + " on port " + connection.port, e);
    }
  }

  /** Closes every connection still open, whichever thread it belongs to. */
  @Override
  public void close() {
    for (Connection connection : open) {
      connection.close();
    }
    open.clear();
  }

  /** The calling thread's connection to the service. */
  private Connection connection(Service service) {
    Connection[] mine = connections.get();
    int slot = service.ordinal();
    Connection connection = mine[slot];
    if (connection == null) {
      Connection made = new Connection(ports.apply(service));
      mine[slot] = made;
      open.add(made);
      ThreadResources.register(
          () -> {
            made.close();
            open.remove(made);
            if (mine[slot] == made) {
              mine[slot] = null;
            }
          });
      connection = made;
    }
    return connection;
  }

  /** The request in the calling thread's buffer (valid until its next render). */
  private Renderer render(
      String method, Service service, String path, String token, String json, String[] headers) {
    Renderer r = renderers.get();
    r.length = 0;
    r.ascii(method)
        .ascii(" ")
        .ascii(path)
        .ascii(" HTTP/1.1\r\n")
        .bytes(headerBlock(service, token));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      r.ascii(headers[i]).ascii(": ").ascii(headers[i + 1]).ascii("\r\n");
    }
    if (method.equals("GET")) {
      return r.ascii("\r\n");
    }
    byte[] body = json == null ? NO_BODY : json.getBytes(StandardCharsets.UTF_8);
    return r.ascii("Content-Type: application/json\r\nContent-Length: ")
        .decimal(body.length)
        .ascii("\r\n\r\n")
        .bytes(body);
  }

  private byte[] headerBlock(Service service, String token) {
    return headerBlocks
        .get(service)
        .computeIfAbsent(
            token == null ? "" : token,
            t -> {
              String lines =
                  "Host: "
                      + HOST
                      + ":"
                      + ports.apply(service)
                      + "\r\nAccept: application/json\r\n"
                      + (t.isEmpty() ? "" : "Authorization: Bearer " + t + "\r\n");
              return lines.getBytes(StandardCharsets.ISO_8859_1);
            });
  }

  /** A growable byte buffer a thread renders its requests into. */
  private static final class Renderer {
    byte[] bytes = new byte[2048];
    int length;

    Renderer ascii(String text) {
      int n = text.length();
      room(n);
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (c > 0x7e || c < 0x20 && c != '\r' && c != '\n' && c != '\t') {
          throw new IllegalArgumentException("not a header's ASCII: " + text);
        }
        bytes[length++] = (byte) c;
      }
      return this;
    }

    Renderer decimal(int value) {
      return ascii(Integer.toString(value));
    }

    Renderer bytes(byte[] more) {
      room(more.length);
      System.arraycopy(more, 0, bytes, length, more.length);
      length += more.length;
      return this;
    }

    private void room(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }

  /**
   * A kept-alive socket closed by the server before it answered anything: open a new one and
   * resend.
   */
  private static final class StaleConnection extends IOException {
    StaleConnection(String message) {
      super(message);
    }
  }

  /** One socket, used by one thread at a time. */
  private static final class Connection {
    final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long exchanges;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;

    /** Bytes received for the answer being read. */
    private long received;

    Connection(int port) {
      this.port = port;
    }

    void ensureOpen() throws IOException {
      if (socket != null) {
        return;
      }
      Socket s = new Socket();
      try {
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(HOST, port), CONNECT_TIMEOUT_MILLIS);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = s.getInputStream();
        out = s.getOutputStream();
      } catch (IOException e) {
        s.close();
        throw e;
      }
      socket = s;
      exchanges = 0;
      position = 0;
      limit = 0;
    }

    Reply exchange(byte[] request, int length) {
      for (int attempt = 1; ; attempt++) {
        boolean reused = socket != null && exchanges > 0;
        try {
          ensureOpen();
          received = 0;
          try {
            out.write(request, 0, length);
          } catch (SocketException e) {
            if (reused) {
              throw new StaleConnection("closed while sending: " + e.getMessage());
            }
            throw e;
          }
          Reply reply = read(reused);
          exchanges++;
          return reply;
        } catch (StaleConnection e) {
          close();
          if (attempt >= 2) {
            throw new UncheckedIOException(
                "127.0.0.1:" + port + " closed the connection twice before answering", e);
          }
        } catch (IOException e) {
          close();
          throw new UncheckedIOException(requestLine(request) + " to port " + port + " failed", e);
        }
      }
    }

    private Reply read(boolean reused) throws IOException {
      while (true) {
        int status = statusLine(reused);
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        String etag = null;
        String retryAfter = null;
        boolean replayed = false;
        for (int n = readLine(); n > 0; n = readLine()) {
          int colon = indexOf(line, n, (byte) ':');
          if (colon <= 0) {
            continue;
          }
          if (nameIs(colon, "content-length")) {
            contentLength = Long.parseLong(value(colon, n));
          } else if (nameIs(colon, "transfer-encoding")) {
            chunked = value(colon, n).toLowerCase(java.util.Locale.ROOT).contains("chunked");
          } else if (nameIs(colon, "connection")) {
            closeAfter = value(colon, n).equalsIgnoreCase("close");
          } else if (nameIs(colon, "etag")) {
            etag = value(colon, n);
          } else if (nameIs(colon, "retry-after")) {
            retryAfter = value(colon, n);
          } else if (nameIs(colon, "idempotent-replayed")) {
            replayed = value(colon, n).equalsIgnoreCase("true");
          }
        }
        if (lineLength < 0) {
          throw new EOFException("the connection closed inside the headers");
        }
        if (status >= 100 && status < 200) {
          continue; // an interim answer (100 Continue): the final one follows
        }
        byte[] body;
        if (status == 204 || status == 304) {
          body = NO_BODY;
        } else if (chunked) {
          body = chunkedBody();
        } else if (contentLength >= 0) {
          body = new byte[Math.toIntExact(contentLength)];
          readFully(body, 0, body.length);
        } else {
          body = toEnd();
          closeAfter = true;
        }
        if (closeAfter) {
          close();
        }
        return new Reply(
            status,
            new String(body, StandardCharsets.UTF_8),
            Optional.ofNullable(etag),
            Optional.ofNullable(retryAfter),
            replayed);
      }
    }

    /** "HTTP/1.1 201 Created" → 201. */
    private int statusLine(boolean reused) throws IOException {
      int n;
      try {
        n = readLine();
      } catch (SocketException e) {
        if (reused && received == 0) {
          throw new StaleConnection("reset before answering: " + e.getMessage());
        }
        throw e;
      }
      if (n < 0) {
        if (reused && received == 0) {
          throw new StaleConnection("closed before answering");
        }
        throw new EOFException("the server closed the connection without answering");
      }
      if (n < 12 || line[0] != 'H' || line[4] != '/' || line[8] != ' ') {
        throw new IOException(
            "not an HTTP status line: " + new String(line, 0, n, StandardCharsets.ISO_8859_1));
      }
      return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    private byte[] chunkedBody() throws IOException {
      byte[] body = new byte[4096];
      int length = 0;
      while (true) {
        int n = readLine();
        if (n < 0) {
          throw new EOFException("the connection closed inside a chunked body");
        }
        int end = indexOf(line, n, (byte) ';');
        int size =
            Integer.parseInt(
                new String(line, 0, end < 0 ? n : end, StandardCharsets.ISO_8859_1).trim(), 16);
        if (size == 0) {
          for (int t = readLine(); t > 0; t = readLine()) {
            // trailer fields: none read
          }
          return Arrays.copyOf(body, length);
        }
        if (length + size > body.length) {
          body = Arrays.copyOf(body, Math.max(body.length * 2, length + size));
        }
        readFully(body, length, size);
        length += size;
        if (readLine() != 0) {
          throw new IOException("a chunk did not end with CRLF");
        }
      }
    }

    private byte[] toEnd() throws IOException {
      byte[] body = new byte[4096];
      int length = 0;
      while (true) {
        if (position == limit && !fill()) {
          return Arrays.copyOf(body, length);
        }
        int n = limit - position;
        if (length + n > body.length) {
          body = Arrays.copyOf(body, Math.max(body.length * 2, length + n));
        }
        System.arraycopy(buffer, position, body, length, n);
        length += n;
        position = limit;
      }
    }

    /**
     * Reads a line without its CRLF into {@code line}; its length, or -1 at the end of the stream.
     */
    private int readLine() throws IOException {
      lineLength = 0;
      boolean any = false;
      while (true) {
        if (position == limit) {
          if (!fill()) {
            if (!any) {
              lineLength = -1;
              return -1;
            }
            throw new EOFException("the connection closed inside a line");
          }
        }
        any = true;
        int newline = -1;
        for (int i = position; i < limit; i++) {
          if (buffer[i] == '\n') {
            newline = i;
            break;
          }
        }
        int end = newline < 0 ? limit : newline;
        int n = end - position;
        if (lineLength + n > line.length) {
          if (lineLength + n > MAX_LINE) {
            throw new IOException("a header line longer than " + MAX_LINE + " bytes");
          }
          line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(buffer, position, line, lineLength, n);
        lineLength += n;
        position = end;
        if (newline >= 0) {
          position++;
          if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
          }
          return lineLength;
        }
      }
    }

    private void readFully(byte[] into, int offset, int length) throws IOException {
      int buffered = Math.min(length, limit - position);
      System.arraycopy(buffer, position, into, offset, buffered);
      position += buffered;
      int done = buffered;
      while (done < length) {
        int n = in.read(into, offset + done, length - done);
        if (n < 0) {
          throw new EOFException(
              "the connection closed inside a body (" + done + " of " + length + " bytes)");
        }
        received += n;
        done += n;
      }
    }

    private boolean fill() throws IOException {
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        return false;
      }
      received += n;
      position = 0;
      limit = n;
      return true;
    }

    /**
     * Whether the header name before {@code colon} is {@code lowerCaseName}, ignoring ASCII case.
     */
    private boolean nameIs(int colon, String lowerCaseName) {
      if (colon != lowerCaseName.length()) {
        return false;
      }
      for (int i = 0; i < colon; i++) {
        int c = line[i];
        if (c >= 'A' && c <= 'Z') {
          c += 'a' - 'A';
        }
        if (c != lowerCaseName.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private String value(int colon, int n) {
      int start = colon + 1;
      while (start < n && (line[start] == ' ' || line[start] == '\t')) {
        start++;
      }
      int end = n;
      while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
        end--;
      }
      return new String(line, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] bytes, int length, byte wanted) {
      for (int i = 0; i < length; i++) {
        if (bytes[i] == wanted) {
          return i;
        }
      }
      return -1;
    }

    private static String requestLine(byte[] request) {
      int end = 0;
      while (end < request.length && end < 200 && request[end] != '\r') {
        end++;
      }
      return new String(request, 0, end, StandardCharsets.ISO_8859_1);
    }

    void close() {
      Socket s = socket;
      socket = null;
      position = 0;
      limit = 0;
      if (s != null) {
        try {
          s.close();
        } catch (IOException e) {
          // closed already
        }
      }
    }
  }
}
