package jp.grants.infra.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.builder.ResponseBuilder;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the response validation lets through and what it fails, on a small document. */
class OpenApiResponseValidationTest {
  private static final String DOCUMENT =
      """
      {"openapi": "3.1.0", "paths": {"/api/v1/things/{id}": {
        "get": {"responses": {
          "200": {"description": "the thing",
            "headers": {"ETag": {"required": true, "schema": {"type": "string", "pattern": "^\\"[0-9]+\\"$"}}},
            "content": {"application/json": {"schema": {"type": "object", "required": ["id"],
              "properties": {"id": {"type": "string"}}}}}},
          "503": {"description": "away",
            "headers": {"Retry-After": {"required": true, "schema": {"type": "integer", "minimum": 1}}},
            "content": {"application/problem+json": {"schema": {"type": "object"}}}}}},
        "post": {"responses": {"204": {"description": "done"}}}}}}
      """;

  private final OpenApiResponseValidation.Document document =
      new OpenApiResponseValidation.Document(DOCUMENT);

  @Test
  void shouldPassAnAnswerAsDocumented() {
    assertThat(check("GET", answer(200, "{\"id\":\"a\"}", "application/json", "ETag", "\"3\"")))
        .isEmpty();
    assertThat(check("POST", answer(204, "", null))).isEmpty();
  }

  @Test
  void shouldFailAnEmptyBodyWhereTheDocumentDeclaresOne() {
    assertThat(check("GET", answer(200, "", "application/json", "ETag", "\"3\"")))
        .singleElement()
        .asString()
        .contains("no body");
  }

  @Test
  void shouldFailAnAnswerWithoutARequiredHeader() {
    assertThat(check("GET", answer(200, "{\"id\":\"a\"}", "application/json")))
        .singleElement()
        .asString()
        .contains("ETag");
    assertThat(check("GET", answer(503, "{}", "application/problem+json")))
        .singleElement()
        .asString()
        .contains("Retry-After");
  }

  @Test
  void shouldFailAHeaderThatDoesNotMatchItsSchema() {
    assertThat(check("GET", answer(200, "{\"id\":\"a\"}", "application/json", "ETag", "3")))
        .singleElement()
        .asString()
        .contains("ETag");
    assertThat(check("GET", answer(503, "{}", "application/problem+json", "Retry-After", "soon")))
        .singleElement()
        .asString()
        .contains("Retry-After");
    assertThat(check("GET", answer(503, "{}", "application/problem+json", "Retry-After", "0")))
        .singleElement()
        .asString()
        .contains("Retry-After");
    assertThat(check("GET", answer(503, "{}", "application/problem+json", "Retry-After", "5")))
        .isEmpty();
  }

  @Test
  void shouldFailA405WithoutAllowOrMissingADocumentedMethod() {
    assertThat(check("DELETE", answer(405, "{}", "application/problem+json")))
        .singleElement()
        .asString()
        .contains("Allow");
    assertThat(check("DELETE", answer(405, "{}", "application/problem+json", "Allow", "GET")))
        .singleElement()
        .asString()
        .contains("POST");
    assertThat(
            check(
                "DELETE",
                answer(405, "{}", "application/problem+json", "Allow", "GET, HEAD, POST")))
        .isEmpty();
  }

  @Test
  void shouldFailAnOptionsAnswerThatDoesNotNameEveryDocumentedMethod() {
    assertThat(check("OPTIONS", answer(204, "", null, "Allow", "POST, OPTIONS")))
        .singleElement()
        .asString()
        .contains("GET");
    assertThat(check("OPTIONS", answer(204, "", null, "Allow", "GET, HEAD, POST, OPTIONS")))
        .isEmpty();
  }

  private List<String> check(String method, Response answer) {
    return document.check(method, "/api/v1/things/7", answer);
  }

  private static Response answer(int status, String body, String contentType, String... headers) {
    List<Header> list = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      list.add(new Header(headers[i], headers[i + 1]));
    }
    ResponseBuilder builder =
        new ResponseBuilder().setStatusCode(status).setBody(body).setHeaders(new Headers(list));
    if (contentType != null) {
      builder.setContentType(contentType);
    }
    return builder.build();
  }
}
