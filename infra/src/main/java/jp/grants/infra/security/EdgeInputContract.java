package jp.grants.infra.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.grants.infra.JwtKeys;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Inputs are checked at the edge of every service (issue 17): a control character in a header, a
 * path or query parameter, or a text of a body is refused with a 400 problem naming where it was; a
 * {@code null} in a body is refused naming the field, while a left-out optional field is still
 * taken; every 405 and every {@code OPTIONS} names the path's methods in {@code Allow}; every 401
 * and 403, {@code /q/metrics} included, is an RFC 9457 problem. Each service runs it as a
 * {@code @QuarkusTest} subclass that names its endpoints.
 */
public abstract class EdgeInputContract {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Control characters as they are sent: percent-encoded in a URL, escaped in JSON. */
  protected static final List<String> CONTROLS =
      List.of("\u0000", "a\u0001b", "tab\there", "line\nbreak", "del\u007f", "\u001b[31mred");

  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** A caller (subject, role) who may read {@link #readPath()}. */
  protected abstract String[] reader();

  /** A GET path without parameters in its path. */
  protected abstract String readPath();

  /** A text query parameter of {@link #readPath()}. */
  protected abstract String queryParameter();

  /**
   * A GET path with one path parameter, with {@code value} (already percent-encoded) in its place.
   */
  protected abstract String pathWith(String value);

  /** The name of that path parameter. */
  protected abstract String pathParameter();

  /** A request body that would be accepted, with the text fields and optional fields it has. */
  protected abstract BodyCase body();

  /**
   * A body endpoint: how to send a body, a body it accepts, a single-line text field, a free-text
   * field (null if it has none) and an optional field (null if it has none). When {@code
   * acceptsValid} is false, only refusals are sent (a success would change shared state).
   */
  public record BodyCase(
      Function<JsonNode, Response> send,
      ObjectNode valid,
      String plainField,
      String freeTextField,
      String optionalField,
      boolean acceptsValid) {}

  private RequestSpecification asReader() {
    return given().auth().oauth2(JwtKeys.shared().token(reader()[0], reader()[1]));
  }

  // ------------------------------------------------------------------ parameters and headers

  @Test
  void shouldRefuseAControlCharacterInAQueryParameterNamingIt() {
    for (String value : CONTROLS) {
      Response response = asReader().queryParam(queryParameter(), value).get(readPath());
      assertBadRequestNaming(response, queryParameter(), printable(value));
    }
  }

  @Test
  void shouldRefuseAControlCharacterInAnUndeclaredQueryParameterToo() {
    Response response = asReader().queryParam("anything", "x\u0000").get(readPath());
    assertBadRequestNaming(response, "anything", "query parameter");
  }

  @Test
  void shouldRefuseAControlCharacterInAPathParameterNamingIt() {
    for (String encoded : List.of("%00", "abc%01", "%7F", "a%0Ab")) {
      Response response = asReader().urlEncodingEnabled(false).get(pathWith(encoded));
      assertBadRequestNaming(response, pathParameter(), encoded);
    }
  }

  /**
   * A header is sent as raw bytes (HTTP clients clean values before sending). A tab passes the HTTP
   * codec (RFC 9110 allows it in a value) and is refused by the platform with a problem naming the
   * header; the codec itself refuses the other controls, with a 400 of its own and no body.
   */
  @Test
  void shouldRefuseAControlCharacterInAHeaderNamingIt() throws IOException {
    RawAnswer tab = raw("X-Client-Note: a\tb");
    assertThat(tab.status()).as(tab.body()).isEqualTo(400);
    assertThat(tab.head()).containsIgnoringCase("content-type: application/problem+json");
    assertThat(tab.body()).contains("\"field\":\"X-Client-Note\"").contains("control characters");
    for (String value : List.of("a\u0001b", "\u007f", "a\u0000b", "x\u001by")) {
      assertThat(raw("X-Client-Note: " + value).status()).as(printable(value)).isEqualTo(400);
    }
    assertThat(raw("X-Client-Note: plain").status()).isEqualTo(200);
  }

  /** A raw answer: status, head and body. */
  protected record RawAnswer(int status, String head, String body) {}

  /** Sends a GET of {@link #readPath()} as the reader with one more header line, byte for byte. */
  protected RawAnswer raw(String headerLine) throws IOException {
    String token = JwtKeys.shared().token(reader()[0], reader()[1]);
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + readPath()
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + token
                  + "\r\n"
                  + headerLine
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = answer.indexOf("\r\n\r\n");
      String head = end < 0 ? answer : answer.substring(0, end);
      String body = end < 0 ? "" : answer.substring(end + 4);
      return new RawAnswer(Integer.parseInt(head.split(" ")[1]), head, body);
    }
  }

  @Test
  void shouldTakeParametersWithoutControlCharacters() {
    Response response =
        asReader()
            .header("X-Client-Note", "über 日本 ok")
            .queryParam("anything", "Kyōto Univ.")
            .get(readPath());
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ bodies

  @TestFactory
  Stream<DynamicTest> shouldRefuseAControlCharacterInABodyTextNamingTheField() {
    BodyCase body = body();
    List<DynamicTest> tests = new ArrayList<>();
    for (String value : CONTROLS) {
      tests.add(
          DynamicTest.dynamicTest(
              body.plainField() + " = " + printable(value),
              () ->
                  assertBadRequestNaming(
                      body.send().apply(with(body.valid(), body.plainField(), value)),
                      body.plainField(),
                      "control characters")));
    }
    if (body.freeTextField() != null) {
      for (String value : List.of("\u0000", "a\u0002b", "\u007f")) {
        tests.add(
            DynamicTest.dynamicTest(
                body.freeTextField() + " = " + printable(value),
                () ->
                    assertBadRequestNaming(
                        body.send().apply(with(body.valid(), body.freeTextField(), value)),
                        body.freeTextField(),
                        "control characters")));
      }
    }
    return tests.stream();
  }

  /** Only where the endpoint has a free-text field and a success may be sent. */
  @TestFactory
  Stream<DynamicTest> shouldTakeLineBreaksAndTabsInFreeText() {
    BodyCase body = body();
    if (body.freeTextField() == null || !body.acceptsValid()) {
      return Stream.empty();
    }
    return Stream.of(
        DynamicTest.dynamicTest(
            body.freeTextField() + " with CR LF and tab",
            () -> {
              Response response =
                  body.send()
                      .apply(
                          with(
                              body.valid(), body.freeTextField(), "first line\r\n\tsecond line\n"));
              assertThat(response.statusCode()).as(response.asString()).isBetween(200, 299);
            }));
  }

  @TestFactory
  Stream<DynamicTest> shouldRefuseANullNamingTheField() {
    BodyCase body = body();
    List<String> fields = new ArrayList<>(List.of(body.plainField()));
    if (body.optionalField() != null) {
      fields.add(body.optionalField());
    }
    return fields.stream()
        .map(
            field ->
                DynamicTest.dynamicTest(
                    field + " = null",
                    () -> {
                      ObjectNode nulled = body.valid().deepCopy();
                      nulled.putNull(field);
                      assertBadRequestNaming(body.send().apply(nulled), field, "null");
                    }));
  }

  /** Only where the endpoint has an optional field and a success may be sent. */
  @TestFactory
  Stream<DynamicTest> shouldTakeALeftOutOptionalField() {
    BodyCase body = body();
    if (body.optionalField() == null || !body.acceptsValid()) {
      return Stream.empty();
    }
    return Stream.of(
        DynamicTest.dynamicTest(
            body.optionalField() + " left out",
            () -> {
              ObjectNode without = body.valid().deepCopy();
              without.remove(body.optionalField());
              Response response = body.send().apply(without);
              assertThat(response.statusCode()).as(response.asString()).isBetween(200, 299);
            }));
  }

  // ------------------------------------------------------------------ methods of a path

  /**
   * Every path of the OpenAPI document: OPTIONS names exactly its methods, and any other method is
   * a 405 naming them.
   */
  @TestFactory
  Stream<DynamicTest> shouldNameThePathsMethodsOnOptionsAndOn405() {
    Map<String, Set<String>> paths = documentedPaths();
    assertThat(paths).isNotEmpty();
    return paths.entrySet().stream()
        .map(
            entry ->
                DynamicTest.dynamicTest(
                    entry.getKey(),
                    () -> {
                      String path = concrete(entry.getKey());
                      Set<String> expected = new LinkedHashSet<>(entry.getValue());
                      if (expected.contains("GET")) {
                        expected.add("HEAD");
                      }
                      expected.add("OPTIONS");
                      Response options = given().urlEncodingEnabled(false).options(path);
                      assertThat(options.statusCode())
                          .as("OPTIONS " + path + ": " + options.asString())
                          .isIn(200, 204);
                      assertThat(allowed(options))
                          .as("Allow of OPTIONS " + path)
                          .isEqualTo(expected);
                      String other =
                          METHODS.stream()
                              .filter(m -> !expected.contains(m))
                              .findFirst()
                              .orElse(null);
                      if (other != null) {
                        Response refused =
                            asReader()
                                .urlEncodingEnabled(false)
                                .contentType(ContentType.JSON)
                                .body("{}")
                                .request(other, path);
                        assertThat(refused.statusCode())
                            .as(other + " " + path + ": " + refused.asString())
                            .isEqualTo(405);
                        assertThat(refused.contentType()).startsWith("application/problem+json");
                        assertThat(refused.jsonPath().getInt("status")).isEqualTo(405);
                        assertThat(allowed(refused))
                            .as("Allow of the 405 to " + other + " " + path)
                            .isEqualTo(expected);
                      }
                    }));
  }

  // ------------------------------------------------------------------ 401 and 403

  @Test
  void shouldAnswerMetricsWithoutATokenWithAProblemAndTheBearerChallenge() {
    Response response = given().get("/q/metrics");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    assertProblem(response, 401);
  }

  @Test
  void shouldAnswerMetricsForAWrongRoleWithAProblem() {
    Response response = asReader().get("/q/metrics");
    if (Set.of("auditor", "admin").contains(reader()[1])) {
      assertThat(response.statusCode()).isEqualTo(200);
      return;
    }
    assertThat(response.statusCode()).isEqualTo(403);
    assertProblem(response, 403);
  }

  @Test
  void shouldAnswerTheApiWithoutATokenWithAProblemAndTheBearerChallenge() {
    Response response = given().get(readPath());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    assertProblem(response, 401);
  }

  // ------------------------------------------------------------------ helpers

  protected static void assertProblem(Response response, int status) {
    assertThat(response.contentType())
        .as(response.asString())
        .startsWith("application/problem+json");
    assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
    assertThat(response.jsonPath().getString("type")).startsWith("urn:jp-grants:problem:");
    assertThat(response.jsonPath().getString("detail")).isNotBlank();
  }

  /**
   * A 400 problem whose {@code errors} name {@code field}, and whose detail or message mentions
   * {@code hint}.
   */
  protected static void assertBadRequestNaming(Response response, String field, String hint) {
    assertThat(response.statusCode()).as(field + ": " + response.asString()).isEqualTo(400);
    assertProblem(response, 400);
    List<String> fields = response.jsonPath().getList("errors.field");
    assertThat(fields)
        .as(response.asString())
        .isNotNull()
        .anySatisfy(f -> assertThat(f).endsWith(field));
    assertThat(response.asString())
        .as("the problem says what is wrong")
        .containsIgnoringCase(
            hint.contains("\\u") || hint.contains("%") ? "control characters" : hint);
  }

  protected static ObjectNode with(ObjectNode valid, String field, String value) {
    ObjectNode copy = valid.deepCopy();
    copy.set(field, NODES.textNode(value));
    return copy;
  }

  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      out.append(c < 0x20 || c == 0x7F ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  private static Set<String> allowed(Response response) {
    String allow = response.header("Allow");
    assertThat(allow).as("Allow header of " + response.statusCode()).isNotNull();
    return Arrays.stream(allow.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static Map<String, Set<String>> documentedPaths() {
    Map<String, Map<String, Object>> paths =
        given()
            .accept(ContentType.JSON)
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    Map<String, Set<String>> methods = new LinkedHashMap<>();
    paths.forEach(
        (path, operations) ->
            methods.put(
                path,
                operations.keySet().stream()
                    .map(String::toUpperCase)
                    .filter(m -> METHODS.contains(m) || m.equals("HEAD") || m.equals("OPTIONS"))
                    .collect(Collectors.toCollection(LinkedHashSet::new))));
    return methods;
  }

  /** The template with a value for each variable: a year where it names one, a UUID otherwise. */
  private static String concrete(String template) {
    return template
        .replaceAll("\\{[^}]*[Yy]ear[^}]*}", "2027")
        .replaceAll("\\{[^}]*}", UUID.randomUUID().toString());
  }
}
