package jp.grants.review.web;

import static jp.grants.review.support.ReviewApi.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.infra.security.EdgeInputContract;
import jp.grants.platform.security.Roles;
import jp.grants.review.support.ReviewApi;
import jp.grants.review.support.ReviewApi.Reviewer;
import org.junit.jupiter.api.Test;

/**
 * The review-service's edge (issue 17): the platform-wide contract, and what it accepted before — a
 * conflict with {@code "reason": null}, a reviewer whose login is made of control characters, and
 * the country {@code AA}.
 */
@QuarkusTest
class EdgeInputTest extends EdgeInputContract {
  private static Reviewer declaring;

  private static synchronized Reviewer declaring() {
    if (declaring == null) {
      declaring = ReviewApi.register("Edge Case", "Hokkaido University", "JP");
    }
    return declaring;
  }

  @Override
  protected String[] reader() {
    return new String[] {ReviewApi.OFFICER, Roles.PROGRAM_OFFICER};
  }

  @Override
  protected String readPath() {
    return "/api/v1/reviews";
  }

  @Override
  protected String queryParameter() {
    return "grantId";
  }

  @Override
  protected String pathWith(String value) {
    return "/api/v1/reviewers/" + value;
  }

  @Override
  protected String pathParameter() {
    return "id";
  }

  @Override
  protected BodyCase body() {
    Reviewer reviewer = declaring();
    ObjectNode valid =
        JsonNodeFactory.instance
            .objectNode()
            .put("kind", "PERSON")
            .put("value", "Ren Edge")
            .put("reason", "co-author");
    return new BodyCase(
        json ->
            as(reviewer.subject(), Roles.REVIEWER)
                .body(json.toString())
                .post("/api/v1/reviewers/" + reviewer.id() + "/conflicts"),
        valid,
        "value",
        "reason",
        "reason",
        true);
  }

  @Test
  void shouldRefuseAConflictWithANullReasonAndStoreNothing() {
    Reviewer reviewer = ReviewApi.register("Null Reason", "Tohoku University", "JP");
    Response refused =
        as(reviewer.subject(), Roles.REVIEWER)
            .body("{\"kind\":\"PERSON\",\"value\":\"Someone\",\"reason\":null}")
            .post("/api/v1/reviewers/" + reviewer.id() + "/conflicts");
    assertBadRequestNaming(refused, "reason", "null");
    as(reviewer.subject(), Roles.REVIEWER)
        .get("/api/v1/reviewers/" + reviewer.id() + "/conflicts")
        .then()
        .statusCode(200)
        .body("size()", org.hamcrest.Matchers.equalTo(0));
  }

  @Test
  void shouldRefuseAReviewerLoginOrNameMadeOfControlCharacters() {
    for (String field : List.of("subject", "name", "affiliation")) {
      for (String value : List.of("\u0001\u0002\u0003", "rev\u0000x", "\u007f\u007f")) {
        Map<String, Object> body =
            new java.util.HashMap<>(
                Map.of(
                    "subject",
                    "rev-" + UUID.randomUUID(),
                    "name",
                    "Ok Name",
                    "affiliation",
                    "Ok University",
                    "country",
                    "JP",
                    "fields",
                    List.of("physics")));
        body.put(field, value);
        Response refused =
            as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER).body(body).post("/api/v1/reviewers");
        assertBadRequestNaming(refused, field, "control characters");
      }
    }
    Response refused =
        as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
            .body(
                Map.of(
                    "subject",
                    "rev-" + UUID.randomUUID(),
                    "name",
                    "Ok",
                    "affiliation",
                    "Ok",
                    "country",
                    "JP",
                    "fields",
                    List.of("phys\u0000ics")))
            .post("/api/v1/reviewers");
    assertBadRequestNaming(refused, "fields[0]", "control characters");
  }

  @Test
  void shouldRefuseACountryThatIsNoIso3166Code() {
    for (String country : List.of("AA", "ZZ", "XK", "UK", "jp", "JPN")) {
      Response refused =
          as(ReviewApi.OFFICER, Roles.PROGRAM_OFFICER)
              .body(
                  Map.of(
                      "subject",
                      "rev-" + UUID.randomUUID(),
                      "name",
                      "Country Case",
                      "affiliation",
                      "Somewhere",
                      "country",
                      country,
                      "fields",
                      List.of("physics")))
              .post("/api/v1/reviewers");
      assertBadRequestNaming(refused, "country", "ISO 3166-1");
    }
    Reviewer german = ReviewApi.register("Greta Land", "TU Munich", "DE");
    assertThat(german.id()).isNotNull();
  }
}
