package jp.grants.infra.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.grants.infra.JwtKeys;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.DynamicNode;

/**
 * A service's authorization rules as one table, checked against the running service and against the
 * operations its generated OpenAPI document lists. For every operation:
 *
 * <ul>
 *   <li>without a token: 401;
 *   <li>with a role the rule does not name: 403 (the same request, which the allowed role then
 *       makes successfully: the refusal was about the role, not the request);
 *   <li>with each allowed role, on a resource of its own: 2xx; or, for an operation whose
 *       well-formed call the domain refuses on every resource (a decision the catalog leaves to a
 *       committee), the domain's refusal ({@link Rule#refusedByRule(int)}): authorization let it
 *       through;
 *   <li>with each role whose access depends on ownership, on someone else's resource: 403 or 404
 *       (or, for a list, 2xx without the other's resources).
 * </ul>
 *
 * An operation in the document without a rule fails, and so does a rule without an operation.
 */
public final class Matrix {
  /** The only paths a caller without a token may use. */
  public static final List<String> ANONYMOUS = List.of("/q/health", "/q/openapi", "/q/swagger-ui");

  private Matrix() {}

  /** One request: who sends it, and what, with what to check on success. */
  public record Call(
      String subject,
      String method,
      String path,
      Object body,
      Map<String, String> headers,
      Consumer<ValidatableResponse> then) {

    public static Call get(String subject, String path) {
      return new Call(subject, "GET", path, null, Map.of(), r -> {});
    }

    public static Call post(String subject, String path, Object body) {
      return new Call(subject, "POST", path, body, Map.of(), r -> {});
    }

    public static Call put(String subject, String path, Object body) {
      return new Call(subject, "PUT", path, body, Map.of(), r -> {});
    }

    public Call header(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Call(subject, method, path, body, all, then);
    }

    /** What else a successful answer must show (e.g. that a list holds only the caller's own). */
    public Call then(Consumer<ValidatableResponse> check) {
      return new Call(subject, method, path, body, headers, then.andThen(check));
    }

    public ValidatableResponse as(String role) {
      return send(given().auth().oauth2(JwtKeys.shared().token(subject, role)));
    }

    public ValidatableResponse anonymously() {
      return send(given());
    }

    private ValidatableResponse send(RequestSpecification request) {
      request.contentType(ContentType.JSON);
      headers.forEach(request::header);
      if (body != null) {
        request.body(body);
      }
      return request.request(method, path).then();
    }
  }

  /**
   * Prepares a call that the role may make on a resource of its own (creating the resource first).
   */
  @FunctionalInterface
  public interface Prepare {
    public Call call(String role);
  }

  /**
   * One operation's rule.
   *
   * @param ownedBy the roles whose access depends on owning (or being assigned) the resource
   * @param foreign prepares the same operation on a resource the role does not own
   * @param listFilters whether, on someone else's resources, the operation answers 2xx without them
   *     (a list) rather than 403/404
   * @param refusedByRule null: the allowed roles get 2xx; else the 4xx status with which the domain
   *     refuses the allowed roles' well-formed call (a decision only a committee takes), after the
   *     authorization let it through
   */
  public record Rule(
      String operation,
      Set<String> roles,
      Prepare own,
      Set<String> ownedBy,
      Prepare foreign,
      boolean listFilters,
      Integer refusedByRule) {

    /** Owned only by these roles: on another's resource they get 403 or 404. */
    public Rule ownedBy(Set<String> owners, Prepare other) {
      return new Rule(operation, roles, own, owners, other, false, refusedByRule);
    }

    /**
     * A list: these roles see only their own; the call on another's resource checks the other is
     * absent.
     */
    public Rule listsOnlyOwn(Set<String> owners, Prepare other) {
      return new Rule(operation, roles, own, owners, other, true, refusedByRule);
    }

    /**
     * The allowed roles pass authorization but the domain refuses them with this status (its
     * problem body checked by the call's own {@code then}): e.g. 409 for a decision the catalog
     * leaves to a committee, where no resource exists on which the role's direct call succeeds.
     */
    public Rule refusedByRule(int status) {
      return new Rule(operation, roles, own, ownedBy, foreign, listFilters, status);
    }
  }

  public static Rule rule(String operation, Set<String> roles, Prepare own) {
    return new Rule(operation, new TreeSet<>(roles), own, Set.of(), null, false, null);
  }

  public static Set<String> roles(String... roles) {
    return new LinkedHashSet<>(List.of(roles));
  }

  /**
   * Every operation (method and path template) of the service's generated OpenAPI document, with
   * its roles.
   */
  public static Map<String, Set<String>> operations() {
    // A service answers 503 until its schema is migrated: wait for that, not for a race.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    Map<String, Map<String, Map<String, Object>>> paths =
        given()
            .accept(ContentType.JSON)
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    Map<String, Set<String>> operations = new LinkedHashMap<>();
    paths.forEach(
        (path, methods) ->
            methods.forEach(
                (method, operation) -> {
                  if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    operations.put(method.toUpperCase() + " " + path, declaredRoles(operation));
                  }
                }));
    return operations;
  }

  /** The roles an operation's {@code security} requirement names; empty when it declares none. */
  @SuppressWarnings("unchecked")
  private static Set<String> declaredRoles(Map<String, Object> operation) {
    Object security = operation.get("security");
    Set<String> roles = new TreeSet<>();
    if (security instanceof List<?> requirements) {
      for (Object requirement : requirements) {
        ((Map<String, List<String>>) requirement).values().forEach(roles::addAll);
      }
    }
    return roles;
  }

  /** The dynamic tests: one container per operation, in the document's order. */
  public static Stream<DynamicNode> check(List<Rule> rules) {
    Map<String, Set<String>> operations = operations();
    Map<String, Rule> byOperation =
        rules.stream()
            .collect(
                Collectors.toMap(
                    Rule::operation,
                    r -> r,
                    (a, b) -> {
                      throw new IllegalStateException("two rules for " + a.operation());
                    },
                    LinkedHashMap::new));
    List<DynamicNode> nodes = new ArrayList<>();
    for (String operation : operations.keySet()) {
      Rule rule = byOperation.get(operation);
      nodes.add(
          rule == null
              ? dynamicTest(
                  operation + ": has an authorization rule",
                  () ->
                      fail(
                          operation
                              + " is in the OpenAPI document but not in the authorization matrix: add its rule"))
              : dynamicContainer(operation, checks(rule)));
    }
    for (String operation : byOperation.keySet()) {
      if (!operations.containsKey(operation)) {
        nodes.add(
            dynamicTest(
                operation + ": exists",
                () ->
                    fail(
                        operation
                            + " has a rule but is not in the OpenAPI document: remove or correct the rule")));
      }
    }
    return nodes.stream();
  }

  private static Stream<DynamicNode> checks(Rule rule) {
    String first = rule.roles().iterator().next();
    Supplier<Call> probe = memoized(() -> rule.own().call(first));
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(dynamicTest("no token: 401", () -> refused(probe.get().anonymously(), 401)));
    for (String role : Roles.ALL) {
      if (!rule.roles().contains(role)) {
        tests.add(dynamicTest(role + ": 403", () -> refused(probe.get().as(role), 403)));
      }
    }
    for (String role : rule.roles()) {
      tests.add(
          dynamicTest(
              role
                  + " on its own: "
                  + (rule.refusedByRule() == null
                      ? "2xx"
                      : rule.refusedByRule() + " by a domain rule"),
              () -> {
                Call call = role.equals(first) ? probe.get() : rule.own().call(role);
                if (rule.refusedByRule() == null) {
                  succeeded(call, call.as(role));
                } else {
                  ValidatableResponse response = call.as(role);
                  refused(response, rule.refusedByRule());
                  call.then().accept(response);
                }
              }));
    }
    for (String role : rule.ownedBy()) {
      tests.add(
          dynamicTest(
              role + " on another's: " + (rule.listFilters() ? "not listed" : "403/404"),
              () -> {
                Call call = rule.foreign().call(role);
                ValidatableResponse response = call.as(role);
                if (rule.listFilters()) {
                  succeeded(call, response);
                } else {
                  response
                      .statusCode(anyOf(equalTo(403), equalTo(404)))
                      .contentType(startsWith("application/problem+json"));
                }
              }));
    }
    return tests.stream();
  }

  private static void refused(ValidatableResponse response, int status) {
    response
        .statusCode(status)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(status));
  }

  private static void succeeded(Call call, ValidatableResponse response) {
    response.statusCode(both(greaterThanOrEqualTo(200)).and(lessThan(300)));
    call.then().accept(response);
  }

  /** Every operation declares its security, naming exactly the roles of its rule. */
  public static void assertDeclaredRolesMatch(List<Rule> rules) {
    Map<String, Set<String>> operations = operations();
    for (Rule rule : rules) {
      if (operations.containsKey(rule.operation())) {
        assertThat(operations.get(rule.operation()))
            .as("roles declared in OpenAPI for " + rule.operation())
            .isEqualTo(rule.roles());
      }
    }
    operations.forEach(
        (operation, roles) -> {
          assertThat(roles).as(operation + " declares the roles it needs in OpenAPI").isNotEmpty();
          String path = operation.substring(operation.indexOf(' ') + 1);
          assertThat(ANONYMOUS)
              .as(operation + " is not an anonymous path")
              .noneMatch(path::startsWith);
        });
  }

  /**
   * Metrics are for operators: a token is needed, and only the auditor's or the administrator's
   * will do. (Quarkus' HTTP permission layer answers here, not a resource: its 401 is a problem
   * with the Bearer challenge, from platform ProblemChallenge.)
   */
  public static void assertMetricsForOperatorsOnly() {
    given()
        .get("/q/metrics")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"));
    for (String role : Roles.ALL) {
      int expected = role.equals(Roles.AUDITOR) || role.equals(Roles.ADMIN) ? 200 : 403;
      given()
          .auth()
          .oauth2(JwtKeys.shared().token("metrics-" + role, role))
          .get("/q/metrics")
          .then()
          .statusCode(expected);
    }
  }

  /**
   * The one write an auditor makes: asking for an audit checkpoint, which records the current chain
   * heads (signed) and changes no grant, no money and no decision (issue 18); the ledger-service's
   * log lives under its own audit path.
   */
  public static final Set<String> AUDITOR_RECORDS =
      Set.of("POST /api/v1/audit/checkpoints", "POST /api/v1/audit/ledger/checkpoints");

  /**
   * A read of a service's signed checkpoint log (platform's CheckpointEndpoints), the auditor's
   * alone in every service that keeps one: made once a checkpoint exists (the auditor takes one),
   * on the path for its index.
   */
  public static Rule checkpointRead(
      String operation, Function<String, String> subjectOf, LongFunction<String> path) {
    return rule(
        operation,
        roles(Roles.AUDITOR),
        role -> {
          long index =
              Call.post(subjectOf.apply(Roles.AUDITOR), "/api/v1/audit/checkpoints", null)
                  .as(Roles.AUDITOR)
                  .statusCode(201)
                  .extract()
                  .<Integer>path("index");
          return Call.get(subjectOf.apply(role), path.apply(index));
        });
  }

  /** No role may change anything it does not need to: the platform-wide restrictions. */
  public static void assertPlatformRestrictions(List<Rule> rules) {
    for (Rule rule : rules) {
      if (!rule.operation().startsWith("GET ") && !AUDITOR_RECORDS.contains(rule.operation())) {
        assertThat(rule.roles())
            .as("the auditor changes nothing: " + rule.operation())
            .doesNotContain(Roles.AUDITOR);
      }
    }
  }

  private static <T> Supplier<T> memoized(Supplier<T> supplier) {
    Object[] value = new Object[1];
    return () -> {
      if (value[0] == null) {
        value[0] = supplier.get();
      }
      @SuppressWarnings("unchecked")
      T t = (T) value[0];
      return t;
    };
  }
}
