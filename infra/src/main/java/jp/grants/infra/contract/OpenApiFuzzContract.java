package jp.grants.infra.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import jp.grants.infra.JwtKeys;
import org.junit.jupiter.api.Test;

/**
 * Requests generated from the service's own OpenAPI document, valid and invalid (issue 17): for
 * every operation of the document, bodies built from its request schema and then broken (wrong
 * types, nulls, required fields left out — at the top and in nested objects —, unknown fields,
 * values out of range, control characters, not JSON at all), path and query values of every kind,
 * header parameters with their grammar's near misses ({@code Idempotency-Key} empty, too long, with
 * a space or a non-ASCII letter; {@code If-Match} without quotes, two tags, a list), with and
 * without the role the operation names. Every answer must be below 500 — a client's input never
 * makes a service fail; a 503 with {@code Retry-After} is a dependency away (the ledger is not
 * running beside grant-service's tests) — and, through {@link OpenApiResponseValidation}, match a
 * status and schema the document declares.
 *
 * <p>The cases come from a fixed seed per operation (printed with a failure), so a failure is
 * reproduced by running the test again. Extend it with {@code @QuarkusTest} in each service.
 */
public abstract class OpenApiFuzzContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Cases per operation: a few valid-looking ones and many broken ones. */
  private static final int CASES = 24;

  private static final String[] AWKWARD = {
    "",
    " ",
    "\u0000",
    "a\u0007b",
    "%",
    "../..",
    "' OR 1=1 --",
    "\u65e5\u672c",
    "x".repeat(5000),
    "null",
    "-1",
    "9223372036854775808",
    "1e309",
    "{}",
    "[]",
    "\ud83d\ude00"
  };

  @Test
  void shouldAnswerEveryGeneratedRequestBelow500AsItsDocumentSays() {
    JsonNode document = document();
    List<String> failures = new ArrayList<>();
    int sent = 0;
    Map<String, JsonNode> operations = new TreeMap<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          if (List.of(
                                  "get", "post", "put", "patch", "delete", "head", "options",
                                  "trace")
                              .contains(op.getKey())) {
                            operations.put(path.getKey() + " " + op.getKey(), op.getValue());
                          }
                        }));
    for (Map.Entry<String, JsonNode> entry : operations.entrySet()) {
      String[] key = entry.getKey().split(" ");
      long seed = entry.getKey().hashCode();
      Random random = new Random(seed);
      for (int i = 0; i < CASES; i++) {
        Case request = generate(document, key[0], key[1], entry.getValue(), random, i);
        sent++;
        try {
          Response answer = request.send();
          boolean dependencyAway =
              answer.statusCode() == 503 && answer.header("Retry-After") != null;
          if (answer.statusCode() >= 500 && !dependencyAway) {
            failures.add(
                request
                    + " (seed "
                    + seed
                    + ", case "
                    + i
                    + ") answered "
                    + answer.statusCode()
                    + ": "
                    + answer.asString());
          }
        } catch (AssertionError mismatch) {
          failures.add(request + " (seed " + seed + ", case " + i + "): " + mismatch.getMessage());
        }
      }
    }
    assertThat(operations).as("the document's operations").isNotEmpty();
    assertThat(sent)
        .as("requests generated: %d for each documented operation", CASES)
        .isEqualTo(operations.size() * CASES);
    assertThat(failures)
        .as("answers of %d generated requests that were 5xx or not as documented", sent)
        .isEmpty();
  }

  /** One generated request. */
  private record Case(
      String method,
      String path,
      Map<String, Object> pathParameters,
      Map<String, Object> query,
      Map<String, String> headers,
      String body,
      String token) {
    Response send() {
      // Encoded here, not by REST-assured: its templating reads braces in a value as placeholders.
      RequestSpecification spec = given().urlEncodingEnabled(false);
      if (token != null) {
        spec.auth().oauth2(token);
      }
      headers.forEach(spec::header);
      query.forEach((name, value) -> spec.queryParam(encode(name), encode(String.valueOf(value))));
      if (body != null) {
        spec.contentType("application/json").body(body);
      }
      String target = path;
      for (Map.Entry<String, Object> parameter : pathParameters.entrySet()) {
        target =
            target.replace(
                "{" + parameter.getKey() + "}", encode(String.valueOf(parameter.getValue())));
      }
      return spec.request(method.toUpperCase(Locale.ROOT), target);
    }

    private static String encode(String value) {
      return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
          .replace("+", "%20");
    }

    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT)
          + " "
          + path
          + " "
          + pathParameters
          + " "
          + query
          + " "
          + headers.keySet()
          + " "
          + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }

  private static JsonNode document() {
    String text =
        given()
            .accept("application/json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Case generate(
      JsonNode document, String template, String method, JsonNode operation, Random random, int n) {
    boolean valid =
        n < CASES / 4; // the first quarter as the document describes them, the rest broken
    Map<String, Object> pathParameters = new TreeMap<>();
    Map<String, Object> query = new TreeMap<>();
    Map<String, String> headers = new TreeMap<>();
    List<JsonNode> parameters = new ArrayList<>();
    document
        .path("paths")
        .path(template)
        .path("parameters")
        .forEach(parameters::add); // the path's own
    operation.path("parameters").forEach(parameters::add);
    for (JsonNode parameter : parameters) {
      JsonNode schema = resolve(document, parameter.path("schema"));
      String value =
          valid || random.nextInt(3) > 0
              ? text(value(document, schema, random, 0))
              : awkward(random);
      switch (parameter.path("in").asText()) {
        case "path" ->
            pathParameters.put(parameter.path("name").asText(), value.isEmpty() ? "x" : value);
        case "query" -> {
          if (valid || random.nextBoolean()) {
            query.put(parameter.path("name").asText(), value);
          }
        }
        case "header" -> {
          String name = parameter.path("name").asText();
          String header = header(name, value, valid, random);
          if (header != null) {
            headers.put(name, header);
          }
        }
        default -> {}
      }
    }
    java.util.regex.Matcher names =
        java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
    while (names.find()) {
      pathParameters.putIfAbsent(names.group(1), UUID.randomUUID().toString());
    }
    String body = null;
    JsonNode content = operation.path("requestBody").path("content");
    if (content.has("application/json")) {
      JsonNode schema = content.path("application/json").path("schema");
      JsonNode generated = value(document, schema, random, 0);
      body = valid ? generated.toString() : broken(document, schema, generated, random);
    }
    return new Case(
        method, template, pathParameters, query, headers, body, token(operation, random, valid));
  }

  /** Keys a client might send that the key's grammar (1 to 200 visible ASCII) refuses. */
  private static final String[] BAD_KEYS = {
    "", " ", "a b", "x".repeat(201), "k\u00e9y", "tab\tkey", "\"", "fuzz-" + "9".repeat(196)
  };

  /** If-Match values that are not one entity tag or {@code *}, and a few that are. */
  private static final String[] IF_MATCH = {
    "",
    "3",
    "W/3",
    "\"3",
    "3\"",
    "\"a\" \"b\"",
    "\"1\", \"2\"",
    "W/\"3\"",
    "*",
    "**",
    "\"" + "9".repeat(40) + "\"",
    "\"-1\"",
    "\"9223372036854775808\"",
    "\"\"",
    "W/"
  };

  /**
   * A header parameter's value, or null to leave it out. {@code Idempotency-Key} and {@code
   * If-Match} are fuzzed with their own grammar's near misses; other headers get the generated
   * value, printable.
   */
  private static String header(String name, String generated, boolean valid, Random random) {
    if (name.equalsIgnoreCase("Idempotency-Key")) {
      if (valid) {
        return "fuzz-" + UUID.randomUUID();
      }
      return switch (random.nextInt(4)) {
        case 0 -> null;
        case 1 -> "fuzz-" + UUID.randomUUID();
        default -> BAD_KEYS[random.nextInt(BAD_KEYS.length)];
      };
    }
    if (name.equalsIgnoreCase("If-Match")) {
      if (valid) {
        return random.nextBoolean() ? null : "\"" + random.nextInt(4) + "\"";
      }
      return random.nextInt(4) == 0 ? null : IF_MATCH[random.nextInt(IF_MATCH.length)];
    }
    return valid || random.nextBoolean() ? generated.replaceAll("[^\\x20-\\x7e]", "?") : null;
  }

  private static String token(JsonNode operation, Random random, boolean valid) {
    List<String> roles = new ArrayList<>();
    for (JsonNode requirement : operation.path("security")) {
      requirement
          .fields()
          .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText())));
    }
    if (roles.isEmpty()) {
      return valid || random.nextBoolean() ? JwtKeys.shared().token("fuzz-admin", "admin") : null;
    }
    if (!valid && random.nextInt(6) == 0) {
      return random.nextBoolean() ? null : "not-a-token";
    }
    String role = roles.get(random.nextInt(roles.size()));
    return JwtKeys.shared().token("fuzz-" + role, role);
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }

  private static String awkward(Random random) {
    return AWKWARD[random.nextInt(AWKWARD.length)];
  }

  private static JsonNode resolve(JsonNode document, JsonNode schema) {
    int depth = 0;
    while (schema.has("$ref") && depth++ < 16) {
      String ref = schema.path("$ref").asText();
      schema = document.at(ref.substring(1));
    }
    return schema;
  }

  /** A value the schema describes (as far as a generator can tell: patterns are not honoured). */
  private static JsonNode value(JsonNode document, JsonNode schema, Random random, int depth) {
    schema = resolve(document, schema);
    if (schema.has("anyOf") || schema.has("oneOf")) {
      JsonNode choices = schema.has("anyOf") ? schema.path("anyOf") : schema.path("oneOf");
      for (JsonNode choice : choices) {
        if (!"null".equals(resolve(document, choice).path("type").asText())) {
          return value(document, choice, random, depth);
        }
      }
    }
    if (schema.has("enum") && schema.path("enum").size() > 0) {
      return schema.path("enum").get(random.nextInt(schema.path("enum").size()));
    }
    String type = type(schema);
    return switch (type) {
      case "integer" -> NODES.numberNode(integer(schema, random));
      case "number" -> NODES.numberNode(random.nextInt(1000) / 10.0);
      case "boolean" -> NODES.booleanNode(random.nextBoolean());
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        int size = depth > 3 ? 0 : Math.max(schema.path("minItems").asInt(0), random.nextInt(3));
        for (int i = 0; i < size; i++) {
          array.add(value(document, schema.path("items"), random, depth + 1));
        }
        yield array;
      }
      case "object" -> {
        ObjectNode object = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext() && depth < 5) {
          Map.Entry<String, JsonNode> property = properties.next();
          object.set(property.getKey(), value(document, property.getValue(), random, depth + 1));
        }
        yield object;
      }
      default -> NODES.textNode(string(schema, random));
    };
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          return t.asText();
        }
      }
    }
    if (type.isTextual()) {
      return type.asText();
    }
    return schema.has("properties") ? "object" : "string";
  }

  private static long integer(JsonNode schema, Random random) {
    long min = schema.has("minimum") ? schema.path("minimum").asLong() : 0;
    long max = schema.has("maximum") ? schema.path("maximum").asLong() : min + 1_000_000;
    if (max - min > 1_000_000_000L) {
      max = min + 1_000_000_000L;
    }
    return min + (long) (random.nextDouble() * (max - min + 1));
  }

  private static String string(JsonNode schema, Random random) {
    String format = schema.path("format").asText("");
    return switch (format) {
      case "uuid" -> UUID.randomUUID().toString();
      case "date" -> "2025-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
      case "date-time" -> "2025-04-01T00:00:00Z";
      case "uri" -> "urn:fuzz:" + random.nextInt(100);
      default -> {
        int min = schema.path("minLength").asInt(1);
        int max = Math.max(min, Math.min(schema.path("maxLength").asInt(24), 24));
        StringBuilder text = new StringBuilder();
        int length = min + random.nextInt(max - min + 1);
        for (int i = 0; i < length; i++) {
          text.append((char) ('a' + random.nextInt(26)));
        }
        yield schema.path("pattern").asText("").equals("[A-Z]{2}") ? "JP" : text.toString();
      }
    };
  }

  /** The generated body, broken in one of several ways a careless or hostile client would. */
  private static String broken(
      JsonNode document, JsonNode schema, JsonNode generated, Random random) {
    switch (random.nextInt(10)) {
      case 0:
        return awkward(random); // not JSON, or JSON of the wrong shape
      case 1:
        return "null";
      case 2:
        return "[" + generated + "]";
      case 3:
        return "{}"; // every required field missing
      default:
        break;
    }
    if (!generated.isObject() || generated.size() == 0) {
      return generated + "x";
    }
    ObjectNode object = ((ObjectNode) generated).deepCopy();
    mutate(document, resolve(document, schema), object, random, 0);
    return object.toString();
  }

  /**
   * One field of {@code object} broken, or (half the time, where there is one) a field of a nested
   * object: a required field left out, a null, an awkward text, a number out of range, an unknown
   * field, a value of the wrong shape.
   */
  private static void mutate(
      JsonNode document, JsonNode schema, ObjectNode object, Random random, int depth) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    List<String> nested = names.stream().filter(n -> object.path(n).isObject()).toList();
    if (!nested.isEmpty() && depth < 3 && random.nextBoolean()) {
      String name = nested.get(random.nextInt(nested.size()));
      JsonNode inner = property(document, schema, name);
      mutate(document, inner, (ObjectNode) object.path(name), random, depth + 1);
      return;
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    if (names.isEmpty()) {
      object.put("unknownField", "x");
      return;
    }
    String name = names.get(random.nextInt(names.size()));
    switch (random.nextInt(8)) {
      case 0 -> object.putNull(name);
      case 1 -> object.remove(name);
      case 2, 3 -> {
        if (required.isEmpty()) {
          object.remove(name);
        } else {
          object.remove(required.get(random.nextInt(required.size()))); // a required field out
        }
      }
      case 4 -> object.put(name, awkward(random));
      case 5 -> object.put(name, random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
      case 6 -> object.put("unknownField" + random.nextInt(10), "x");
      default ->
          object.set(
              name,
              random.nextBoolean() ? NODES.arrayNode().add(1) : NODES.objectNode().put("a", 1));
    }
  }

  /** The schema of an object's property, its references and nullable choices resolved. */
  private static JsonNode property(JsonNode document, JsonNode schema, String name) {
    JsonNode property = resolve(document, resolve(document, schema).path("properties").path(name));
    for (String choice : List.of("anyOf", "oneOf")) {
      for (JsonNode option : property.path(choice)) {
        JsonNode resolved = resolve(document, option);
        if (resolved.has("properties")) {
          return resolved;
        }
      }
    }
    return property;
  }
}
