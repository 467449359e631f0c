package jp.grants.platform.web;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import jp.grants.platform.validation.CountryCodeValidator;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The rules the services enforce on input, stated in each service's OpenAPI document so that a
 * generated client knows them (issue 17), for {@link OpenApiContract}:
 *
 * <ul>
 *   <li>no text of a request — a body's field, a path or query parameter — holds a control
 *       character ({@link ControlCharacters}, refused by {@link StrictJson} and {@link
 *       HeaderHygiene}); a {@link FreeText} field may hold tab, line feed and carriage return;
 *   <li>{@code @NotBlank} (which the generator states as {@code pattern: \S}) means a character
 *       other than space and controls, as Java's check reads it;
 *   <li>a {@code @Pattern} must match the whole text, as Bean Validation reads it: the generator
 *       copies it unanchored, which JSON Schema reads as "somewhere in the text";
 *   <li>a country code is one of the ISO 3166-1 alpha-2 codes the check accepts.
 * </ul>
 */
final class InputRules {
  private static final String CONTROLS = "\\x00-\\x1F\\x7F";
  private static final String CONTROLS_BUT_LINE_BREAKS = "\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F";
  private static final String NOT_BLANK = "\\S";

  private InputRules() {}

  /** The schema a {@code @CountryCode} field refers to. */
  static Schema countryCodeSchema() {
    Schema schema =
        OASFactory.createSchema()
            .addType(Schema.SchemaType.STRING)
            .description(
                "An ISO 3166-1 alpha-2 country code in upper case, e.g. `JP`; user-assigned codes"
                    + " (`AA`, `XK`, `ZZ`) are refused")
            .pattern("^[A-Z]{2}$")
            .example("JP");
    CountryCodeValidator.codes().forEach(schema::addEnumeration);
    return schema;
  }

  /** Whether a schema of the document refers to the component schema {@code name}. */
  static boolean refersTo(OpenAPI openApi, String name) {
    String ref = "#/components/schemas/" + name;
    Set<Schema> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Map<String, Schema> none = Map.of(); // references are not followed: each schema is walked
    if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
      openApi
          .getComponents()
          .getSchemas()
          .values()
          .forEach(s -> reach(s, none, all, new HashSet<>()));
    }
    if (openApi.getPaths() != null && openApi.getPaths().getPathItems() != null) {
      openApi
          .getPaths()
          .getPathItems()
          .values()
          .forEach(
              item ->
                  item.getOperations()
                      .values()
                      .forEach(
                          operation -> {
                            operation(operation, none, all);
                            answers(operation, all);
                          }));
    }
    return all.stream().anyMatch(s -> ref.equals(s.getRef()));
  }

  private static void answers(Operation operation, Set<Schema> all) {
    if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
      return;
    }
    operation
        .getResponses()
        .getAPIResponses()
        .values()
        .forEach(
            response -> {
              if (response.getContent() != null && response.getContent().getMediaTypes() != null) {
                response
                    .getContent()
                    .getMediaTypes()
                    .values()
                    .forEach(media -> reach(media.getSchema(), Map.of(), all, new HashSet<>()));
              }
            });
  }

  /** States the rules on every schema a request body reaches and on every text parameter. */
  static void state(OpenAPI openApi) {
    if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
      return;
    }
    Map<String, Schema> components =
        openApi.getComponents() == null || openApi.getComponents().getSchemas() == null
            ? Map.of()
            : openApi.getComponents().getSchemas();
    Set<Schema> requests = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    openApi
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (item.getParameters() != null) {
                item.getParameters().forEach(InputRules::parameter);
              }
              item.getOperations()
                  .values()
                  .forEach(operation -> operation(operation, components, requests));
            });
    requests.forEach(InputRules::textRule);
    components.values().forEach(InputRules::anchor); // a response's patterns read as Java's too
  }

  private static void operation(
      Operation operation, Map<String, Schema> components, Set<Schema> requests) {
    if (operation.getParameters() != null) {
      operation.getParameters().forEach(InputRules::parameter);
    }
    if (operation.getRequestBody() == null
        || operation.getRequestBody().getContent() == null
        || operation.getRequestBody().getContent().getMediaTypes() == null) {
      return;
    }
    for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
      if (media.getSchema() != null) {
        reach(media.getSchema(), components, requests, new HashSet<>());
      }
    }
  }

  /** Every schema {@code schema} leads to, through references, properties, items and choices. */
  private static void reach(
      Schema schema, Map<String, Schema> components, Set<Schema> found, Set<String> names) {
    if (schema == null || !found.add(schema)) {
      return;
    }
    if (schema.getRef() != null) {
      String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
      if (names.add(name)) {
        reach(components.get(name), components, found, names);
      }
      return;
    }
    Consumer<Schema> next = s -> reach(s, components, found, names);
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(next);
    }
    next.accept(schema.getItems());
    next.accept(schema.getAdditionalPropertiesSchema());
    for (List<Schema> choices : List.of(all(schema.getAllOf()), all(schema.getAnyOf()))) {
      choices.forEach(next);
    }
    all(schema.getOneOf()).forEach(next);
  }

  private static List<Schema> all(List<Schema> schemas) {
    return schemas == null ? List.of() : schemas;
  }

  /** A request schema that is a text (not a reference, an enumeration or a formatted value). */
  private static void textRule(Schema schema) {
    boolean freeText =
        schema.getExtensions() != null && schema.getExtensions().containsKey(FreeText.OPENAPI);
    if (freeText) {
      schema.removeExtension(FreeText.OPENAPI);
    }
    if (schema.getRef() != null
        || schema.getType() == null
        || !schema.getType().contains(Schema.SchemaType.STRING)
        || (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty())
        || schema.getFormat() != null) {
      return;
    }
    schema.setPattern(text(schema.getPattern(), freeText));
  }

  private static void parameter(Parameter parameter) {
    Schema schema = parameter.getSchema();
    if (parameter.getIn() == Parameter.In.HEADER || schema == null) {
      return; // headers: each has its grammar (OpenApiContract), every one free of controls
    }
    textRule(schema);
  }

  /**
   * The pattern of a text that refuses control characters (all of them, or all but tab and line
   * breaks) and, where it had one, still says what {@code pattern} said.
   */
  static String text(String pattern, boolean freeText) {
    String forbidden = freeText ? CONTROLS_BUT_LINE_BREAKS : CONTROLS;
    String none = "[^" + forbidden + "]*";
    if (pattern == null || pattern.equals("[^" + CONTROLS + "]*")) {
      return "^" + none + "$";
    }
    if (pattern.equals(NOT_BLANK)) {
      // Java's @NotBlank trims characters up to U+0020: at least one other must be there
      return "^" + none + "[^\\x00-\\x20\\x7F]" + none + "$";
    }
    if (excludesControls(pattern)) {
      return whole(pattern);
    }
    return "^(?=" + none + "$)" + whole(pattern).substring(1);
  }

  /**
   * Whether a pattern can match only characters it names (letters, digits, punctuation): no negated
   * class, no wildcard, no class escape, no code escape. Conservative: a dot in a class counts as a
   * wildcard, and such a pattern gets the check added.
   */
  static boolean excludesControls(String pattern) {
    return !pattern.matches("(?s).*(\\[\\^|\\.|\\\\[SsWwDdxupPc0-9]).*");
  }

  /** A Bean Validation pattern as JSON Schema must read it to mean the same: the whole text. */
  static String whole(String pattern) {
    if (pattern.startsWith("^") && pattern.endsWith("$")) {
      return pattern;
    }
    return "^(?:" + pattern + ")$";
  }

  /** Anchors the unanchored patterns of a schema's texts (not {@code \S}, which means "one"). */
  private static void anchor(Schema schema) {
    anchor(schema, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
  }

  private static void anchor(Schema schema, Set<Schema> seen) {
    if (schema == null || !seen.add(schema)) {
      return;
    }
    if (schema.getPattern() != null && !schema.getPattern().equals(NOT_BLANK)) {
      schema.setPattern(whole(schema.getPattern()));
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(s -> anchor(s, seen));
    }
    anchor(schema.getItems(), seen);
    anchor(schema.getAdditionalPropertiesSchema(), seen);
    all(schema.getAllOf()).forEach(s -> anchor(s, seen));
    all(schema.getAnyOf()).forEach(s -> anchor(s, seen));
    all(schema.getOneOf()).forEach(s -> anchor(s, seen));
  }
}
