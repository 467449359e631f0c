package jp.grants.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import jp.grants.launcher.LocalSystem;
import jp.grants.launcher.Service;

/** The three services of a running system, called as their users would, with real tokens. */
final class Clients {
  static final Duration EVENTUALLY = Duration.ofSeconds(90);
  private final LocalSystem system;

  Clients(LocalSystem system) {
    this.system = system;
  }

  RequestSpecification as(Service service, String subject, String role) {
    return given()
        .baseUri(system.service(service).url().toString())
        .auth()
        .oauth2(system.keys().token(subject, role))
        .contentType(ContentType.JSON);
  }

  RequestSpecification grants(String subject, String role) {
    return as(Service.GRANT, subject, role);
  }

  RequestSpecification reviews(String subject, String role) {
    return as(Service.REVIEW, subject, role);
  }

  RequestSpecification ledger(String subject, String role) {
    return as(Service.LEDGER, subject, role);
  }

  /** Polls a GET until its JSON satisfies the condition; returns that JSON. */
  static JsonPath eventually(
      RequestSpecification request, String path, Predicate<JsonPath> condition) {
    JsonPath[] last = new JsonPath[1];
    await()
        .atMost(EVENTUALLY)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              var response = request.get(path);
              if (response.statusCode() != 200) {
                return false;
              }
              last[0] = response.jsonPath();
              return condition.test(last[0]);
            });
    return last[0];
  }

  static List<Map<String, Object>> plan(int first, int years, long amount) {
    return IntStream.range(0, years)
        .mapToObj(i -> Map.<String, Object>of("fiscalYear", first + i, "amountYen", amount))
        .toList();
  }

  static Map<String, Object> proposal(
      String program, int start, int years, long annual, String host) {
    Map<String, Object> proposal = new java.util.LinkedHashMap<>();
    proposal.put("programCode", program);
    proposal.put("title", program + " center at " + host);
    proposal.put("summary", "system test");
    proposal.put(
        "principalInvestigator",
        Map.of("name", "Taro Suzuki", "institution", host, "country", "JP"));
    proposal.put("hostInstitutions", List.of(host));
    proposal.put("startFiscalYear", start);
    proposal.put("durationYears", years);
    proposal.put("requestedPlan", plan(start, years, annual));
    if (program.startsWith("WPI")) {
      // WPI, WPI CORE and Multiple Host WPI award only centers planned to their requirements
      // (docs/seed-rules.md §19).
      proposal.put(
          "plannedFigures",
          Map.of(
              "principalInvestigators",
              10,
              "totalStaff",
              100,
              "researchers",
              60,
              "researchersFromAbroad",
              20));
    }
    return java.util.Collections.unmodifiableMap(proposal);
  }

  static UUID id(String text) {
    return UUID.fromString(text);
  }
}
