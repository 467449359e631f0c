package jp.grants.platform.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.grants.platform.idempotency.Idempotency;
import jp.grants.platform.idempotency.PlatformRule;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.jboss.jandex.IndexView;

/**
 * Completes each service's OpenAPI document as clients' generators and validators read it (issue
 * 17): every answer an operation can give is documented, every error with the one RFC 9457 Problem
 * schema the services answer with ({@link jp.grants.platform.problem.Problem}), a 503 with its
 * {@code Retry-After}, and who may call each operation in its description.
 *
 * <p>What can be derived from the operation is: 400 where it reads input, 401 and 403 where it
 * needs a role, 404 where its path or a query parameter names a resource, 414 everywhere (a URI too
 * long for the HTTP layer), 409 and 422 (refusals by the resource's state and by a program rule)
 * where it changes something, 413 and 415 where it reads a body (too large, not JSON), 412 where it
 * takes {@code If-Match}, 503 everywhere (a dependency away, or the service at capacity). Answers
 * an operation declares itself are kept. Runs in each service as the document is built (a
 * build-stage {@link OpenApiFilter}, which SmallRye OpenAPI makes with the application's index).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {
  static final String PROBLEM = "Problem";
  static final String FIELD_ERROR = "ProblemFieldError";
  private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
  private static final Map<String, String> ERRORS = new LinkedHashMap<>();

  static {
    ERRORS.put(
        "400",
        "The request is malformed or a field is invalid (`errors` names each field); nothing was done");
    ERRORS.put("401", "No valid bearer token (JWT) was sent");
    ERRORS.put("403", "The caller's role may not do this");
    ERRORS.put("404", "No such resource");
    ERRORS.put("409", "Refused by the resource's state (`rule` names the rule); nothing was done");
    ERRORS.put("413", "The body is larger than the service accepts; nothing was done");
    ERRORS.put("414", "The request's URI is longer than 4,096 characters; nothing was done");
    ERRORS.put("415", "The body is not `application/json`; nothing was done");
    ERRORS.put("412", "If-Match names a version the resource has moved past; read it again");
    ERRORS.put("422", "Refused by a program rule (`rule` names the rule); nothing was done");
    ERRORS.put(
        "503",
        "A dependency is away or the service is at capacity; nothing was done, retry after `Retry-After` seconds");
  }

  private final FreeTextFields freeText;

  /** As SmallRye OpenAPI builds it: with the application's index, to find its {@link FreeText}s. */
  public OpenApiContract(IndexView index) {
    this.freeText = FreeTextFields.of(index);
  }

  /**
   * Refuses a document in which two classes share a schema name: the generator would call the
   * second {@code Name1} (and which one is second depends on the scan), so a generated client would
   * get a class named by accident.
   */
  static void distinctNames(Components components) {
    if (components.getSchemas() == null) {
      return;
    }
    for (String name : components.getSchemas().keySet()) {
      String base = name.replaceFirst("(?<=\\D)\\d+$", "");
      if (!base.equals(name) && components.getSchemas().containsKey(base)) {
        throw new IllegalStateException(
            "Two classes are named "
                + base
                + " in the OpenAPI document ("
                + base
                + " and "
                + name
                + "): name one with @Schema(name = ...)");
      }
    }
  }

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    Components components =
        openApi.getComponents() == null ? OASFactory.createComponents() : openApi.getComponents();
    openApi.setComponents(components);
    if (components.getSchemas() != null && components.getSchemas().containsKey("JsonNode")) {
      // Jackson's tree (an event's data, as stored): any JSON, not the bean properties of JsonNode
      components.addSchema(
          "JsonNode",
          OASFactory.createSchema()
              .description(
                  "Any JSON value: an event's data as its contract's JSON Schema states it (AsyncAPI document)"));
      components.removeSchema("JsonNodeType");
    }
    if (components.getSchemas() != null) {
      // A body is exactly its record: a request with an unknown field is refused (StrictJson), and
      // an
      // answer has no property its record does not name (the tests' response validation holds it).
      components
          .getSchemas()
          .forEach(
              (name, schema) -> {
                if (schema.getProperties() != null
                    && !schema.getProperties().isEmpty()
                    && schema.getAdditionalPropertiesBoolean() == null
                    && schema.getAdditionalPropertiesSchema() == null) {
                  schema.setAdditionalPropertiesBoolean(false);
                }
              });
    }
    if (InputRules.refersTo(openApi, jp.grants.platform.validation.CountryCode.OPENAPI)) {
      components.addSchema(
          jp.grants.platform.validation.CountryCode.OPENAPI, InputRules.countryCodeSchema());
    }
    distinctNames(components);
    freeText.mark(openApi);
    InputRules.state(openApi);
    components.addSchema(FIELD_ERROR, fieldErrorSchema());
    components.addSchema(
        PROBLEM, problemSchema()); // open: a refusal may say more (the ledger's headroom)
    if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
      return;
    }
    openApi
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) ->
                item.getOperations()
                    .forEach((method, operation) -> complete(path, method, operation)));
  }

  private void complete(String path, PathItem.HttpMethod method, Operation operation) {
    APIResponses responses =
        operation.getResponses() == null
            ? OASFactory.createAPIResponses()
            : operation.getResponses();
    operation.setResponses(responses);
    describeHeaders(operation);
    boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
    boolean writes =
        method != PathItem.HttpMethod.GET
            && method != PathItem.HttpMethod.HEAD
            && method != PathItem.HttpMethod.OPTIONS;
    boolean readsInput =
        operation.getRequestBody() != null
            || (operation.getParameters() != null && !operation.getParameters().isEmpty());
    List<String> expected = new ArrayList<>();
    if (readsInput) {
      expected.add("400");
    }
    if (secured) {
      expected.add("401");
      expected.add("403");
    }
    if (path.contains("{") || hasParameter(operation, Parameter.In.QUERY)) {
      expected.add(
          "404"); // the path or a query parameter names something (a grant, a program, a version)
    }
    if (writes) {
      expected.add("409");
      expected.add("422");
    }
    if (operation.getRequestBody() != null) {
      expected.add("413");
      expected.add("415");
    }
    if (hasHeader(operation, "If-Match")) {
      expected.add("412");
    }
    expected.add("414");
    expected.add("503");
    for (String code : expected) {
      if (responses.getAPIResponse(code) == null) {
        responses.addAPIResponse(
            code, OASFactory.createAPIResponse().description(ERRORS.get(code)));
      }
    }
    responses
        .getAPIResponses()
        .forEach(
            (code, response) -> {
              if (code.startsWith("4") || code.startsWith("5")) {
                problemBody(code, response);
              } else {
                successHeaders(code, response);
              }
            });
    if (operation.getDescription() == null || operation.getDescription().isBlank()) {
      String summary = operation.getSummary() == null ? "" : operation.getSummary().strip();
      String roles = roles(operation);
      String description =
          (summary.isEmpty() || summary.endsWith(".") ? summary : summary + ".")
              + (roles.isEmpty() ? " Needs no role." : " Roles that may call it: " + roles + ".");
      operation.setDescription(description.strip());
    }
  }

  /** The pattern of an entity tag as If-Match names it: {@code *} or one (weak) tag. */
  static final String ENTITY_TAG = "^(\\*|(W/)?\"[\\x21\\x23-\\x7E]*\")$";

  /**
   * The header parameters' grammar, from the one definition of each: {@code Idempotency-Key}
   * ({@link jp.grants.platform.idempotency.Idempotency#GRAMMAR}, and the replay header on the
   * success answers) and {@code If-Match} (an entity tag, as the ETag the API gave).
   */
  private static void describeHeaders(Operation operation) {
    if (operation.getParameters() == null) {
      return;
    }
    for (Parameter parameter : operation.getParameters()) {
      if (parameter.getIn() != Parameter.In.HEADER || parameter.getName() == null) {
        continue;
      }
      if (parameter.getName().equalsIgnoreCase(Idempotency.HEADER)) {
        parameter.setSchema(
            OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .minLength(1)
                .maxLength(200)
                .pattern(Idempotency.GRAMMAR));
        if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
          parameter.setDescription(
              "The client's key for this request: a retry with the same key and request gets the"
                  + " first answer (`Idempotent-Replayed: true`) and does nothing again");
        }
        if (!parameter.getDescription().contains(Idempotency.INVALID_RULE)) {
          parameter.setDescription(
              parameter.getDescription().strip()
                  + ". "
                  + Idempotency.GRAMMAR_IN_WORDS
                  + ", e.g. a UUID; a malformed key is a 400 "
                  + Idempotency.INVALID_RULE
                  + ", a key used before for a different request a 422 "
                  + PlatformRule.IDEMPOTENCY_KEY_REUSED.code());
        }
        parameter.setExample("0b9e5a4c-6f0e-4c1a-9a57-3f5c2b8d7e10");
        markReplays(operation);
      } else if (parameter.getName().equalsIgnoreCase("If-Match")) {
        parameter.setSchema(
            OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .maxLength(40)
                .pattern(ENTITY_TAG));
        if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
          parameter.setDescription(
              "The version the change is meant for, as the ETag the API gave (e.g. `\"3\"`);"
                  + " 412 if the resource has moved past it");
        }
        parameter.setExample("\"3\"");
      }
    }
  }

  private static void markReplays(Operation operation) {
    if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
      return;
    }
    operation
        .getResponses()
        .getAPIResponses()
        .forEach(
            (code, response) -> {
              if (code.startsWith("2")
                  && (response.getHeaders() == null
                      || !response.getHeaders().containsKey(Idempotency.REPLAYED))) {
                response.addHeader(
                    Idempotency.REPLAYED,
                    OASFactory.createHeader()
                        .description(
                            "`true`: the first answer to this key, given again to a retry; nothing was done again")
                        .schema(
                            OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .addEnumeration("true")));
              }
            });
  }

  /** The pattern of the entity tag an answer carries: one strong or weak tag. */
  static final String RESPONSE_ENTITY_TAG = "^(W/)?\"[\\x21\\x23-\\x7E]*\"$";

  /**
   * A 201 names what it created in {@code Location}; an {@code ETag} a resource declares (with
   * {@code @Header(name = "ETag")} on its {@code @APIResponse}) is always sent, as an entity tag.
   * Both required, so that a client's generator reads them and the tests' response validation fails
   * an answer without them.
   */
  private static void successHeaders(String code, APIResponse response) {
    if (code.equals("201")
        && (response.getHeaders() == null || !response.getHeaders().containsKey("Location"))) {
      response.addHeader(
          "Location", OASFactory.createHeader().description("The created resource's URI"));
    }
    if (response.getHeaders() == null) {
      return;
    }
    response
        .getHeaders()
        .forEach(
            (name, header) -> {
              if (name.equalsIgnoreCase("Location")) {
                header.required(true);
                if (header.getSchema() == null) {
                  header.schema(
                      OASFactory.createSchema()
                          .addType(Schema.SchemaType.STRING)
                          .format("uri-reference"));
                }
              } else if (name.equalsIgnoreCase("ETag")) {
                header.required(true);
                if (header.getDescription() == null || header.getDescription().isBlank()) {
                  header.description(
                      "The resource's version as an entity tag (e.g. `\"3\"`): send it back in"
                          + " If-Match to change what you read");
                }
                header.schema(
                    OASFactory.createSchema()
                        .addType(Schema.SchemaType.STRING)
                        .pattern(RESPONSE_ENTITY_TAG));
              }
            });
  }

  private static void problemBody(String code, APIResponse response) {
    if (response.getDescription() == null
        || response.getDescription().isBlank()
        || response.getDescription().equals("Bad Request")
        || response.getDescription().equals("Not Authorized")
        || response.getDescription().equals("Not Allowed")) {
      response.setDescription(ERRORS.getOrDefault(code, "An error, as an RFC 9457 problem"));
    }
    Content content =
        OASFactory.createContent()
            .addMediaType(
                jp.grants.platform.problem.Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    response.setContent(content);
    if (code.equals("503")
        && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
      response.addHeader(
          "Retry-After",
          OASFactory.createHeader()
              .description("Seconds to wait before sending the request again")
              .required(true)
              .schema(
                  OASFactory.createSchema()
                      .addType(Schema.SchemaType.INTEGER)
                      .minimum(java.math.BigDecimal.ONE)));
    }
    if (code.equals("401")
        && (response.getHeaders() == null
            || !response.getHeaders().containsKey("WWW-Authenticate"))) {
      response.addHeader(
          "WWW-Authenticate",
          OASFactory.createHeader()
              .description("The RFC 6750 challenge: `Bearer`")
              .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    }
  }

  private static boolean hasParameter(Operation operation, Parameter.In in) {
    return operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(p -> p.getIn() == in);
  }

  private static boolean hasHeader(Operation operation, String name) {
    if (operation.getParameters() == null) {
      return false;
    }
    for (Parameter parameter : operation.getParameters()) {
      if (parameter.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(parameter.getName())) {
        return true;
      }
    }
    return false;
  }

  private static String roles(Operation operation) {
    List<String> roles = new ArrayList<>();
    if (operation.getSecurity() != null) {
      for (SecurityRequirement requirement : operation.getSecurity()) {
        if (requirement.getSchemes() != null) {
          requirement
              .getSchemes()
              .values()
              .forEach(
                  list -> {
                    if (list != null) {
                      list.stream().filter(r -> !roles.contains(r)).forEach(roles::add);
                    }
                  });
        }
      }
    }
    return String.join(", ", roles);
  }

  private static Schema string(String description) {
    return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
  }

  private static Schema fieldErrorSchema() {
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("One wrong field of the request")
        .addRequired("field")
        .addRequired("message")
        .addProperty(
            "field", string("The field's path in the request, e.g. `requestedPlan[0].amountYen`"))
        .addProperty("message", string("What is wrong with it"))
        .additionalPropertiesBoolean(false);
  }

  private static Schema problemSchema() {
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description(
            "An RFC 9457 problem detail (`application/problem+json`): every error of the services")
        .addRequired("type")
        .addRequired("title")
        .addRequired("status")
        .addProperty(
            "type",
            string(
                    "A URI naming the kind of problem; `urn:jp-grants:problem:rule:<RULE>` for a refusal "
                        + "by a named rule")
                .format("uri"))
        .addProperty("title", string("A short summary of the kind of problem"))
        .addProperty(
            "status",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.INTEGER)
                .minimum(java.math.BigDecimal.valueOf(400))
                .maximum(java.math.BigDecimal.valueOf(599))
                .description("The HTTP status"))
        .addProperty("detail", string("What went wrong with this request, for a person"))
        .addProperty("instance", string("The path of the request"))
        .addProperty("rule", string("The named rule that refused the request, e.g. `ANNUAL-CAP`"))
        .addProperty(
            "errors",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.ARRAY)
                .description("The wrong fields, for a request that was invalid")
                .items(OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR)));
  }
}
