package jp.grants.infra.security;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import jp.grants.infra.JwtKeys;

/**
 * Generates malformed requests for a write endpoint from a body the endpoint accepts and a
 * description of what each field must be. Each request breaks exactly one thing (the envelope, the
 * JSON, one field, a header or the path), so that each one must be refused on its own account.
 * Everything is drawn from a seeded {@link Random}: a failure can be replayed.
 */
public final class Malformed {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Above the services' 256 KiB limit on request bodies. */
  public static final int OVERSIZE_MIN = 257 * 1024;

  private static final List<String> SMUGGLED =
      List.of(
          "actor",
          "actorRole",
          "applicantId",
          "role",
          "groups",
          "sub",
          "subject",
          "id",
          "createdBy",
          "decidedBy",
          "status",
          "version",
          "__proto__",
          "@class");

  private Malformed() {}

  // ---------------------------------------------------------------- what fields must be

  /** A field of a request body: whether it is required, and values that break it. */
  public interface Field {
    public boolean required();

    /** Values of the wrong type, out of range or otherwise unacceptable for this field. */
    public List<JsonNode> invalid();
  }

  /** Whole yen between {@code min} and {@code max}. */
  public record Yen(long min, long max, boolean required) implements Field {
    public List<JsonNode> invalid() {
      List<JsonNode> values =
          new ArrayList<>(
              List.of(
                  NODES.numberNode(min - 1),
                  NODES.numberNode(-1_000_000L),
                  NODES.numberNode(BigInteger.TWO.pow(63)),
                  NODES.numberNode(new BigInteger("99999999999999999999999")),
                  NODES.numberNode(new BigDecimal("1E+30")),
                  NODES.numberNode(new BigDecimal("1500.5")),
                  NODES.numberNode(new BigDecimal("100.0")),
                  NODES.textNode("1000"),
                  NODES.textNode("１０００"),
                  NODES.booleanNode(true),
                  NODES.arrayNode().add(1),
                  NODES.objectNode().put("yen", 1)));
      if (max < Long.MAX_VALUE) {
        values.add(NODES.numberNode(max + 1));
        values.add(NODES.numberNode(Long.MAX_VALUE));
      }
      return values;
    }
  }

  /** A whole number between {@code min} and {@code max} (years, counts, scores). */
  public record Whole(long min, long max, boolean required) implements Field {
    public List<JsonNode> invalid() {
      return List.of(
          NODES.numberNode(min - 1),
          NODES.numberNode(max + 1),
          NODES.numberNode(-2025),
          NODES.numberNode(2_147_483_648L),
          NODES.numberNode(new BigInteger("99999999999999999999")),
          NODES.numberNode(new BigDecimal("2025.5")),
          NODES.textNode(Long.toString(min)),
          NODES.booleanNode(false),
          NODES.arrayNode(),
          NODES.objectNode());
    }
  }

  /**
   * Text of at most {@code max} characters; {@code notBlank} when blanks are refused; {@code bad}
   * values that break its pattern.
   */
  public record Text(int max, boolean notBlank, boolean required, List<String> bad)
      implements Field {
    public Text(int max, boolean notBlank, boolean required) {
      this(max, notBlank, required, List.of());
    }

    public List<JsonNode> invalid() {
      List<JsonNode> values =
          new ArrayList<>(
              List.of(
                  NODES.textNode("x".repeat(max + 1)),
                  NODES.textNode("長".repeat(max + 1)),
                  NODES.numberNode(42),
                  NODES.booleanNode(true),
                  NODES.arrayNode().add("x"),
                  NODES.objectNode().put("text", "x")));
      if (notBlank) {
        values.add(NODES.textNode(""));
        values.add(NODES.textNode("   "));
      }
      bad.forEach(b -> values.add(NODES.textNode(b)));
      return values;
    }
  }

  /** One of an enumeration's constants, exactly as written. */
  public record Choice(List<String> values, boolean required) implements Field {
    public List<JsonNode> invalid() {
      return List.of(
          NODES.textNode("BOGUS"),
          NODES.textNode(values.get(0).toLowerCase()),
          NODES.textNode(values.get(0) + "-X"),
          NODES.textNode(""),
          NODES.numberNode(0),
          NODES.numberNode(1),
          NODES.booleanNode(true),
          NODES.arrayNode().add(values.get(0)));
    }
  }

  /** A UUID. */
  public record Id(boolean required) implements Field {
    public List<JsonNode> invalid() {
      return List.of(
          NODES.textNode("not-a-uuid"),
          NODES.textNode("1234"),
          NODES.textNode("00000000-0000-0000-0000-00000000000g"),
          NODES.textNode("' OR 1=1 --"),
          NODES.numberNode(42),
          NODES.objectNode(),
          NODES.arrayNode());
    }
  }

  /** An ISO date. */
  public record Day(boolean required) implements Field {
    public List<JsonNode> invalid() {
      return List.of(
          NODES.textNode("2027-02-30"),
          NODES.textNode("2027-13-01"),
          NODES.textNode("9999-12-31"),
          NODES.textNode("0001-01-01"),
          NODES.textNode("+999999999-12-31"),
          NODES.textNode("2027/09/01"),
          NODES.textNode("01-09-2027"),
          NODES.textNode("yesterday"),
          NODES.numberNode(20270901),
          NODES.arrayNode().add(2027).add(9).add(1).add(0));
    }
  }

  /** A boolean. */
  public record Flag(boolean required) implements Field {
    public List<JsonNode> invalid() {
      return List.of(
          NODES.textNode("true"), NODES.textNode("yes"), NODES.numberNode(1), NODES.arrayNode());
    }
  }

  /** A list of {@code element}s, {@code minSize} to {@code maxSize} of them. */
  public record Items(Field element, int minSize, int maxSize, boolean required) implements Field {
    public List<JsonNode> invalid() {
      List<JsonNode> values =
          new ArrayList<>(List.of(NODES.textNode("x"), NODES.objectNode(), NODES.numberNode(3)));
      if (minSize > 0) {
        values.add(NODES.arrayNode());
      }
      return values;
    }
  }

  /** An object with these fields. */
  public record Shape(Map<String, Field> fields, boolean required) implements Field {
    public List<JsonNode> invalid() {
      return List.of(NODES.textNode("x"), NODES.arrayNode(), NODES.numberNode(1));
    }
  }

  public static Shape shape(Object... nameAndField) {
    Map<String, Field> fields = new LinkedHashMap<>();
    for (int i = 0; i < nameAndField.length; i += 2) {
      fields.put((String) nameAndField[i], (Field) nameAndField[i + 1]);
    }
    return new Shape(fields, true);
  }

  // ---------------------------------------------------------------- endpoints and requests

  /** One request to send. {@code contentType} null sends none; {@code body} null sends none. */
  public record Request(
      String defect,
      String method,
      String path,
      String subject,
      String role,
      Map<String, String> headers,
      String contentType,
      byte[] body) {

    public Response send() {
      RequestSpecification spec =
          given()
              .config(
                  RestAssured.config()
                      .encoderConfig(
                          encoderConfig()
                              .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                              // send the bytes as they are, whatever the type says
                              .encodeContentTypeAs(
                                  "application/x-www-form-urlencoded", ContentType.BINARY)
                              .encodeContentTypeAs("multipart/form-data", ContentType.BINARY)))
              .auth()
              .oauth2(JwtKeys.shared().token(subject, role));
      headers.forEach(spec::header);
      if (contentType != null) {
        spec.contentType(contentType);
      }
      if (body != null) {
        spec.body(body);
      }
      return spec.request(method, path);
    }
  }

  /**
   * A write endpoint: a valid request (path, caller, body the endpoint accepts there, headers that
   * are fresh per request, e.g. an Idempotency-Key) and the shape of its body.
   *
   * @param extra defects particular to the endpoint: bad paths, bad headers, rules of the body
   */
  public record Endpoint(
      String name,
      String method,
      String path,
      String subject,
      String role,
      ObjectNode template,
      Shape shape,
      Supplier<Map<String, String>> headers,
      List<Supplier<Request>> extra) {

    public Request valid() {
      return request("none", path, headers.get(), "application/json", bytes(template));
    }

    public Request request(
        String defect,
        String at,
        Map<String, String> withHeaders,
        String contentType,
        byte[] body) {
      return new Request(
          name + ": " + defect, method, at, subject, role, withHeaders, contentType, body);
    }

    public Request withBody(String defect, JsonNode body) {
      return request(defect, path, headers.get(), "application/json", bytes(body));
    }

    public Request withRawBody(String defect, String body) {
      return request(
          defect, path, headers.get(), "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Every single-field defect of an endpoint's body, as request makers (each draws fresh headers).
   */
  public static List<Supplier<Request>> fieldDefects(Endpoint endpoint) {
    List<Supplier<Request>> defects = new ArrayList<>();
    collect(endpoint, endpoint.template(), endpoint.shape(), "", defects);
    return defects;
  }

  private static void collect(
      Endpoint endpoint,
      JsonNode template,
      Shape shape,
      String at,
      List<Supplier<Request>> defects) {
    shape
        .fields()
        .forEach(
            (name, field) -> {
              String path = at + "/" + name;
              for (JsonNode bad : field.invalid()) {
                defects.add(
                    () ->
                        endpoint.withBody(
                            path + " = " + abbreviate(bad.toString()),
                            replaced(endpoint.template(), path, bad)));
              }
              if (field.required()) {
                defects.add(
                    () -> endpoint.withBody(path + " missing", removed(endpoint.template(), path)));
                defects.add(
                    () ->
                        endpoint.withBody(
                            path + " = null",
                            replaced(endpoint.template(), path, NODES.nullNode())));
              }
              JsonNode value = template.at("/" + name);
              if (field instanceof Shape inner && value.isObject()) {
                collect(endpoint, value, inner, path, defects);
              }
              if (field instanceof Items items && value.isArray() && !value.isEmpty()) {
                defects.add(
                    () ->
                        endpoint.withBody(
                            path + " has " + (items.maxSize() + 1) + " items",
                            replaced(
                                endpoint.template(),
                                path,
                                repeated(value.get(0), items.maxSize() + 1))));
                defects.add(
                    () ->
                        endpoint.withBody(
                            path + "[0] = null",
                            replaced(endpoint.template(), path + "/0", NODES.nullNode())));
                if (items.element() instanceof Shape element) {
                  collect(endpoint, value.get(0), element, path + "/0", defects);
                } else {
                  for (JsonNode bad : items.element().invalid()) {
                    defects.add(
                        () ->
                            endpoint.withBody(
                                path + "[0] = " + abbreviate(bad.toString()),
                                replaced(endpoint.template(), path + "/0", bad)));
                  }
                }
              }
            });
  }

  /**
   * Defects of the envelope: size, media type, JSON syntax, body kind, duplicates, nesting,
   * encoding, unknown fields.
   */
  public static List<Supplier<Request>> envelopeDefects(Endpoint e, Random random) {
    String body = text(e.template());
    String firstField = e.shape().fields().keySet().iterator().next();
    List<Supplier<Request>> defects = new ArrayList<>();
    defects.add(
        () -> {
          int size = OVERSIZE_MIN + random.nextInt(768 * 1024);
          return e.withRawBody(
              "oversized body (" + size + " bytes)",
              body.substring(0, body.length() - 1) + ",\"padding\":\"" + "p".repeat(size) + "\"}");
        });
    defects.add(
        () ->
            e.withRawBody(
                "oversized by whitespace", " ".repeat(OVERSIZE_MIN + random.nextInt(4096)) + body));
    for (String type :
        List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "application/octet-stream",
            "application/problem+json",
            "text/json")) {
      defects.add(
          () ->
              e.request(
                  "content type " + type,
                  e.path(),
                  e.headers().get(),
                  type,
                  body.getBytes(StandardCharsets.UTF_8)));
    }
    defects.add(
        () ->
            e.request(
                "no content type",
                e.path(),
                e.headers().get(),
                null,
                body.getBytes(StandardCharsets.UTF_8)));
    defects.add(
        () -> {
          int cut = 1 + random.nextInt(body.length() - 1);
          return e.withRawBody("truncated at " + cut, body.substring(0, cut));
        });
    for (String broken :
        List.of(
            body.replace('"', '\''),
            body.replaceFirst("\\}$", ",}"),
            body.replaceFirst("\"" + firstField + "\"", firstField),
            body + " trailing",
            body + body,
            "{/* comment */" + body.substring(1),
            body.replaceFirst(":", ":NaN,\"x\":"),
            "{\"" + firstField + "\"}",
            "{" + body,
            body.replace(",", ";"))) {
      if (!broken.equals(body)) {
        defects.add(() -> e.withRawBody("malformed JSON: " + abbreviate(broken), broken));
      }
    }
    for (String other :
        List.of("", "null", "[]", "[" + body + "]", "42", "\"" + firstField + "\"", "true")) {
      defects.add(
          () -> e.withRawBody("body is " + (other.isEmpty() ? "empty" : abbreviate(other)), other));
    }
    defects.add(
        () ->
            e.withRawBody(
                "duplicate key " + firstField,
                "{\""
                    + firstField
                    + "\":"
                    + e.template().get(firstField)
                    + ","
                    + body.substring(1)));
    defects.add(
        () -> {
          int depth = 1_100 + random.nextInt(4_000);
          return e.withRawBody(
              "nested " + depth + " deep",
              "{\"" + firstField + "\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        });
    defects.add(
        () -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          byte[] broken = new byte[bytes.length + 2];
          System.arraycopy(bytes, 0, broken, 0, 2);
          broken[2] = (byte) 0xC3;
          broken[3] = (byte) 0x28; // an invalid UTF-8 sequence inside the first field's name
          System.arraycopy(bytes, 2, broken, 4, bytes.length - 2);
          return e.request(
              "invalid UTF-8", e.path(), e.headers().get(), "application/json", broken);
        });
    defects.add(
        () -> {
          String name = SMUGGLED.get(random.nextInt(SMUGGLED.size()));
          if (e.shape().fields().containsKey(name)) {
            name = name + "X";
          }
          ObjectNode smuggled = e.template().deepCopy();
          smuggled.put(name, "someone-else");
          return e.withBody("unknown field " + name, smuggled);
        });
    return defects;
  }

  // ---------------------------------------------------------------- firing them

  /**
   * What came back: how many were sent, answers by status, and every answer that was not a proper
   * refusal.
   */
  public record Report(int sent, Map<Integer, Integer> statuses, List<String> failures) {}

  /**
   * Sends every defect of every endpoint once, then defects drawn at random until at least {@code
   * requests} are sent, checking each answer ({@link Problems}) and, after each, that no row was
   * written to any of the tables.
   */
  public static Report fire(
      List<Endpoint> endpoints, List<String> tables, int requests, Random random) {
    Map<String, Long> last = Writes.count(tables);
    List<String> failures = new ArrayList<>();
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    int sent = 0;
    for (Endpoint endpoint : endpoints) {
      List<Supplier<Request>> cases = new ArrayList<>(fieldDefects(endpoint));
      cases.addAll(envelopeDefects(endpoint, random));
      cases.addAll(endpoint.extra());
      int quota = Math.max(cases.size(), (requests + endpoints.size() - 1) / endpoints.size());
      for (int i = 0; i < quota; i++) {
        Request request =
            (i < cases.size() ? cases.get(i) : cases.get(random.nextInt(cases.size()))).get();
        Response response = request.send();
        statuses.merge(response.statusCode(), 1, Integer::sum);
        Problems.check(request, response).ifPresent(failures::add);
        Map<String, Long> now = Writes.count(tables);
        if (!now.equals(last)) {
          failures.add(
              request.defect()
                  + " -> "
                  + response.statusCode()
                  + " wrote rows: "
                  + last
                  + " -> "
                  + now);
          last = now;
        }
        sent++;
      }
    }
    return new Report(sent, statuses, failures);
  }

  /**
   * The whole check of a service: fires at least {@code requests} malformed requests (see {@link
   * #fire}), then asserts that every one was refused with a 4xx problem, that not one row was
   * written to the tables, and that the well-formed request of every endpoint succeeds there, so
   * the targets were live.
   */
  public static void assertRefusedWithoutWrites(
      String service, List<Endpoint> endpoints, List<String> tables, int requests, Random random) {
    Map<String, Long> before = Writes.count(tables);
    Report report = fire(endpoints, tables, requests, random);
    System.out.printf(
        "MalformedRequestTest (%s): %d malformed requests, answers by status %s%n",
        service, report.sent(), report.statuses());
    assertThat(report.sent()).isGreaterThanOrEqualTo(requests);
    assertThat(report.failures())
        .as(
            "requests not refused with a 4xx problem, or that wrote (of "
                + report.sent()
                + "; statuses "
                + report.statuses()
                + ")")
        .isEmpty();
    assertThat(report.statuses().keySet())
        .allSatisfy(status -> assertThat(status).isBetween(400, 499));
    assertThat(Writes.count(tables)).as("rows written by malformed requests").isEqualTo(before);
    for (Endpoint endpoint : endpoints) {
      assertThat(endpoint.valid().send().statusCode())
          .as(endpoint.name() + " with a well-formed request")
          .isBetween(200, 299);
    }
  }

  /**
   * The well-formed request sent chunked (no Content-Length): 411 with a problem body naming it,
   * nothing written.
   */
  public static void assertChunkedRefused(Request valid, List<String> tables) throws Exception {
    Map<String, Long> before = Writes.count(tables);
    var response =
        sendChunked(valid.method(), valid.path(), valid.subject(), valid.role(), valid.body());
    assertThat(response.statusCode()).isEqualTo(411);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("Content-Length");
    assertThat(Writes.count(tables)).isEqualTo(before);
  }

  /** The body sent chunked, without a Content-Length, as a streaming client sends it. */
  public static java.net.http.HttpResponse<String> sendChunked(
      String method, String path, String subject, String role, byte[] body) throws Exception {
    java.net.URI uri = java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + JwtKeys.shared().token(subject, role))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "chunked-" + java.util.UUID.randomUUID())
            .method(
                method,
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body)))
            .build();
    return java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .build()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  // ---------------------------------------------------------------- JSON helpers

  public static ObjectNode object(Map<String, ?> value) {
    return JSON.valueToTree(value);
  }

  public static JsonNode replaced(JsonNode template, String pointer, JsonNode value) {
    JsonNode copy = template.deepCopy();
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = copy.at(pointer.substring(0, slash));
    String key = pointer.substring(slash + 1);
    if (parent.isArray()) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(key), value);
    } else {
      ((ObjectNode) parent).set(key, value);
    }
    return copy;
  }

  public static JsonNode removed(JsonNode template, String pointer) {
    JsonNode copy = template.deepCopy();
    int slash = pointer.lastIndexOf('/');
    ((ObjectNode) copy.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1));
    return copy;
  }

  private static JsonNode repeated(JsonNode element, int times) {
    var array = NODES.arrayNode();
    for (int i = 0; i < times; i++) {
      array.add(element.deepCopy());
    }
    return array;
  }

  public static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] bytes(JsonNode node) {
    return text(node).getBytes(StandardCharsets.UTF_8);
  }

  public static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
