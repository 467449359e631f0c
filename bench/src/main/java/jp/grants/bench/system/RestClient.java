package jp.grants.bench.system;

import jp.grants.bench.system.Http.Reply;
import jp.grants.launcher.Service;

/**
 * The HTTP client of the scenarios' hot loops: {@link LeanHttp} by default (one keep-alive socket
 * per client thread, requests rendered into bytes), or the JDK's {@link java.net.http.HttpClient}
 * ({@code --client jdk}) to compare the two. Whichever it is, its CPU is the benchmark JVM's
 * ("bench clients" in the CPU notes).
 */
public interface RestClient extends AutoCloseable {
  /** Which client: for the report. */
  Kind kind();

  /** POST a JSON body (null: none); {@code headers} are name, value pairs. */
  Reply post(Service service, String path, String token, String json, String... headers)
      throws InterruptedException;

  Reply get(Service service, String path, String token) throws InterruptedException;

  /**
   * A POST rendered once and sendable any number of times, from any thread (e.g. a retry with the
   * same key).
   */
  Prepared preparePost(Service service, String path, String token, String json, String... headers);

  Reply send(Prepared request) throws InterruptedException;

  /**
   * Opens the calling thread's connection to the service now, if the client keeps one (before a
   * timed burst).
   */
  default void connect(Service service) {}

  @Override
  default void close() {}

  /** A request ready to send. */
  interface Prepared {}

  enum Kind {
    /** {@link LeanHttp}. */
    LEAN(
        "lean HTTP/1.1 client (one keep-alive socket per client thread, requests rendered into bytes)"),
    /** The JDK's HttpClient, shared by every thread. */
    JDK("JDK java.net.http.HttpClient (HTTP/1.1, one client shared by the threads)");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }

    public static Kind parse(String name) {
      for (Kind kind : values()) {
        if (kind.name().equalsIgnoreCase(name.trim())) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown client " + name + " (lean or jdk)");
    }
  }

  /** The JDK client behind this interface. */
  static RestClient jdk(Http http, java.util.function.Function<Service, Integer> ports) {
    return new RestClient() {
      record Request(java.net.http.HttpRequest request) implements Prepared {}

      @Override
      public Kind kind() {
        return Kind.JDK;
      }

      @Override
      public Reply post(Service service, String path, String token, String json, String... headers)
          throws InterruptedException {
        return http.send(http.request("POST", uri(service, path), token, json, headers));
      }

      @Override
      public Reply get(Service service, String path, String token) throws InterruptedException {
        return http.send(http.request("GET", uri(service, path), token, null, new String[0]));
      }

      @Override
      public Prepared preparePost(
          Service service, String path, String token, String json, String... headers) {
        return new Request(http.request("POST", uri(service, path), token, json, headers));
      }

      @Override
      public Reply send(Prepared request) throws InterruptedException {
        return http.send(((Request) request).request());
      }

      private java.net.URI uri(Service service, String path) {
        return java.net.URI.create("http://127.0.0.1:" + ports.apply(service) + path);
      }
    };
  }
}
