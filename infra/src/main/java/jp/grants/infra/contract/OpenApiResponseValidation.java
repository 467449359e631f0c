package jp.grants.infra.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every REST-assured response of a service's tests checked against the service's own OpenAPI
 * document (issue 17), so that the document cannot drift from what the service answers: the
 * operation and its status must be documented, the body's media type declared, and the body valid
 * against the declared schema (JSON Schema 2020-12, OpenAPI 3.1's dialect, validated by networknt's
 * json-schema-validator). A mismatch fails the test that made the request, naming what differs.
 *
 * <p>The document is read once per service address from {@code /q/openapi}. Paths outside {@code
 * /api/} (health, metrics, the document itself) and paths the document does not know (a test asking
 * for a missing route) are passed over: what is checked is every answer of a documented operation.
 * Installed for every {@code @QuarkusTest} by {@link OpenApiValidationCallback}; the system tests
 * install it for every test class with a JUnit extension of their own.
 */
public final class OpenApiResponseValidation implements Filter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      // HTTP/1.1: the JDK's default (HTTP/2, over cleartext by an h2c upgrade) once misread the
      // large OpenAPI document as HTTP/2 frames ("Frame type(102) … exceeds MAX_FRAME_SIZE")
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private static final Map<String, Document> DOCUMENTS = new ConcurrentHashMap<>();

  /** Documents kept at once: the system tests run three services side by side. */
  private static final int KEPT = 4;

  /** Response headers' schemas (the same few in every operation), compiled once each. */
  private static final Map<String, Schema> HEADER_SCHEMAS = new ConcurrentHashMap<>();

  private static final SchemaRegistry HEADER_REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification response,
      FilterContext context) {
    Response answer = context.next(request, response);
    URI uri = URI.create(request.getURI());
    if (uri.getPath() == null || !uri.getPath().startsWith("/api/")) {
      return answer;
    }
    String base = uri.getScheme() + "://" + uri.getAuthority();
    if (DOCUMENTS.size() >= KEPT && !DOCUMENTS.containsKey(base)) {
      // Each application a test suite starts listens on a new port: the documents of those it
      // stopped are not asked for again, and their compiled schemas would fill the test's heap.
      DOCUMENTS.clear();
    }
    Document document = DOCUMENTS.computeIfAbsent(base, Document::load);
    List<String> problems = document.check(request.getMethod(), uri.getPath(), answer);
    if (!problems.isEmpty() && REPORT != null) {
      report(
          request.getMethod()
              + " "
              + uri.getPath()
              + " ("
              + answer.statusCode()
              + "): "
              + String.join("; ", problems));
      return answer;
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the answer to "
              + request.getMethod()
              + " "
              + uri.getPath()
              + " ("
              + answer.statusCode()
              + ") does not match the service's OpenAPI document:\n  "
              + String.join("\n  ", problems)
              + "\nbody: "
              + abbreviate(answer.asString()));
    }
    return answer;
  }

  /**
   * With the system property {@code openapi.validation.report} naming a file, mismatches are
   * appended there instead of failing the test: for surveying a suite's drift in one run.
   */
  private static final String REPORT = System.getProperty("openapi.validation.report");

  private static synchronized void report(String line) {
    try {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of(REPORT),
          line + System.lineSeparator(),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Forgets the documents read, e.g. when a test starts an application with another configuration.
   */
  public static void forget() {
    DOCUMENTS.clear();
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
  }

  /** One service's document, its operations by path template, and a schema registry over it. */
  static final class Document {
    private static final String IRI = "https://grants.local/openapi.json";
    private final JsonNode root;
    private final List<Template> templates = new ArrayList<>();
    private final SchemaRegistry schemas;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    Document(String json) {
      try {
        this.root = JSON.readTree(json);
      } catch (IOException e) {
        throw new UncheckedIOException("the OpenAPI document is not JSON", e);
      }
      Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> path = paths.next();
        templates.add(new Template(path.getKey()));
      }
      // Literal segments first: /reviews/mine before /reviews/{id}.
      templates.sort((a, b) -> Integer.compare(a.parameters(), b.parameters()));
      this.schemas =
          SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_2020_12,
              builder ->
                  builder
                      .schemas(Map.of(IRI, json))
                      .schemaRegistryConfig(
                          SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    static Document load(String base) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
              .header("Accept", "application/json")
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build();
      try {
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
          throw new IllegalStateException(base + "/q/openapi answered " + answer.statusCode());
        }
        return new Document(answer.body());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + base + "/q/openapi", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    List<String> check(String method, String path, Response answer) {
      List<String> problems = new ArrayList<>();
      Template template = templates.stream().filter(t -> t.matches(path)).findFirst().orElse(null);
      if (template == null) {
        return problems; // not a route of the service: its 404 is checked by the tests that ask for
        // it
      }
      String verb = method.toLowerCase(Locale.ROOT);
      JsonNode item = root.path("paths").path(template.text());
      if (!item.has(verb)) {
        if (answer.statusCode() == 405
            || (verb.equals("options") && answer.statusCode() / 100 == 2)) {
          checkAllow(item, answer, problems);
          return problems;
        }
        if (verb.equals("options") || verb.equals("head")) {
          return problems;
        }
        problems.add(method + " is not an operation of " + template.text());
        return problems;
      }
      String status = String.valueOf(answer.statusCode());
      JsonNode responses = item.path(verb).path("responses");
      String where = "/paths/" + escape(template.text()) + "/" + verb + "/responses/";
      if (responses.has(status)) {
        where += status;
      } else if (responses.has(status.charAt(0) + "XX")) {
        where += status.charAt(0) + "XX";
        status = status.charAt(0) + "XX";
      } else if (responses.has("default")) {
        where += "default";
        status = "default";
      } else {
        problems.add(
            "status " + status + " is not documented (documented: " + names(responses) + ")");
        return problems;
      }
      JsonNode documented = resolve(responses.path(status));
      checkHeaders(documented, answer, problems);
      String body = answer.asString();
      JsonNode content = documented.path("content");
      if (body == null || body.isEmpty()) {
        if (content.size() > 0 && !verb.equals("head")) {
          problems.add(
              "the answer has no body, but the document declares one for "
                  + status
                  + " ("
                  + names(content)
                  + ")");
        }
        return problems;
      }
      String contentType =
          answer.contentType() == null ? "" : answer.contentType().split(";")[0].trim();
      if (!content.has(contentType)) {
        problems.add(
            "media type "
                + contentType
                + " is not documented for "
                + status
                + " (documented: "
                + names(content)
                + ")");
        return problems;
      }
      if (!contentType.endsWith("json") || !content.path(contentType).has("schema")) {
        return problems;
      }
      String pointer = where + "/content/" + escape(contentType) + "/schema";
      Schema schema =
          compiled.computeIfAbsent(
              pointer, p -> schemas.getSchema(SchemaLocation.of(IRI + "#" + p)));
      schema.validate(body, InputFormat.JSON).forEach(error -> problems.add(error.toString()));
      return problems;
    }

    /**
     * The response headers the document declares for the answer: each one it marks required must be
     * there, and each one there must match its schema (an integer header, e.g. {@code Retry-After},
     * read as a number).
     */
    private void checkHeaders(JsonNode documented, Response answer, List<String> problems) {
      Iterator<Map.Entry<String, JsonNode>> headers = documented.path("headers").fields();
      while (headers.hasNext()) {
        Map.Entry<String, JsonNode> header = headers.next();
        String name = header.getKey();
        JsonNode declared = resolve(header.getValue());
        String value = answer.header(name);
        if (value == null) {
          if (declared.path("required").asBoolean(false)) {
            problems.add("the header " + name + " is documented as required but missing");
          }
          continue;
        }
        if (!declared.has("schema")) {
          continue;
        }
        JsonNode schema = resolve(declared.path("schema"));
        String json =
            ("integer".equals(schema.path("type").asText()) && value.matches("-?[0-9]{1,18}"))
                ? value
                : quoted(value);
        Schema compiledSchema =
            HEADER_SCHEMAS.computeIfAbsent(
                schema.toString(), text -> HEADER_REGISTRY.getSchema(text, InputFormat.JSON));
        compiledSchema
            .validate(json, InputFormat.JSON)
            .forEach(error -> problems.add("header " + name + ": " + error));
      }
    }

    /**
     * A 405, or the answer to {@code OPTIONS}, names in {@code Allow} every method the document has
     * for the path (RFC 9110 §15.5.6).
     */
    private static void checkAllow(JsonNode item, Response answer, List<String> problems) {
      String allow = answer.header("Allow");
      if (allow == null) {
        problems.add("a " + answer.statusCode() + " without the header Allow");
        return;
      }
      List<String> allowed = new ArrayList<>();
      for (String method : allow.split(",")) {
        allowed.add(method.trim().toLowerCase(Locale.ROOT));
      }
      item.fieldNames()
          .forEachRemaining(
              verb -> {
                if (METHODS.contains(verb) && !allowed.contains(verb)) {
                  problems.add(
                      "Allow ("
                          + allow
                          + ") does not name "
                          + verb.toUpperCase(Locale.ROOT)
                          + ", which the document has for the path");
                }
              });
    }

    private static final List<String> METHODS =
        List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private JsonNode resolve(JsonNode node) {
      int depth = 0;
      while (node.has("$ref") && depth++ < 8) {
        String ref = node.path("$ref").asText();
        node = ref.startsWith("#") ? root.at(ref.substring(1)) : node;
        if (!ref.startsWith("#")) {
          break;
        }
      }
      return node;
    }

    private static String quoted(String value) {
      try {
        return JSON.writeValueAsString(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String escape(String segment) {
      return segment.replace("~", "~0").replace("/", "~1");
    }

    private static String names(JsonNode node) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      return String.join(", ", names);
    }
  }

  /** A path of the document, e.g. {@code /api/v1/grants/{id}}, as a pattern of real paths. */
  record Template(String text, int parameters, Pattern pattern) {
    Template(String text) {
      this(
          text,
          (int) text.chars().filter(c -> c == '{').count(),
          jp.grants.platform.web.AllowedMethods.template(text));
    }

    boolean matches(String path) {
      return pattern.matcher(path).matches();
    }
  }
}
