package jp.grants.platform.web;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/**
 * The {@link FreeText} fields of the request bodies, read from the application's index: the
 * component schema (the class's simple name, or its {@code @Schema(name)}) and the property of
 * each. {@link InputRules} lets such a property hold line breaks.
 */
final class FreeTextFields {
  private static final DotName FREE_TEXT = DotName.createSimple(FreeText.class);
  private static final DotName SCHEMA =
      DotName.createSimple(org.eclipse.microprofile.openapi.annotations.media.Schema.class);

  /** Component schema name → its free-text properties. */
  private final Map<String, Set<String>> properties;

  private FreeTextFields(Map<String, Set<String>> properties) {
    this.properties = properties;
  }

  static FreeTextFields of(IndexView index) {
    Map<String, Set<String>> properties = new HashMap<>();
    for (AnnotationInstance marker : index.getAnnotations(FREE_TEXT)) {
      AnnotationTarget target = marker.target();
      if (target.kind() == AnnotationTarget.Kind.FIELD) {
        ClassInfo owner = target.asField().declaringClass();
        properties
            .computeIfAbsent(schemaName(owner), name -> new HashSet<>())
            .add(target.asField().name());
      } else if (target.kind() == AnnotationTarget.Kind.RECORD_COMPONENT) {
        ClassInfo owner = target.asRecordComponent().declaringClass();
        properties
            .computeIfAbsent(schemaName(owner), name -> new HashSet<>())
            .add(target.asRecordComponent().name());
      }
    }
    return new FreeTextFields(properties);
  }

  private static String schemaName(ClassInfo owner) {
    AnnotationInstance schema = owner.declaredAnnotation(SCHEMA);
    AnnotationValue name = schema == null ? null : schema.value("name");
    return name == null ? owner.simpleName() : name.asString();
  }

  /**
   * Marks each free-text property of the document's component schemas with {@link
   * FreeText#OPENAPI}, which {@link InputRules} reads (and removes) as it states the rules.
   *
   * @throws IllegalStateException if a body's schema lacks a property its class marks: the marker
   *     would be lost and the document would refuse the line breaks the service accepts
   */
  void mark(OpenAPI openApi) {
    if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
      return;
    }
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    properties.forEach(
        (name, fields) -> {
          Schema schema = schemas.get(name);
          if (schema == null) {
            return; // not a body of this API (e.g. a parameter's bean)
          }
          for (String field : fields) {
            Schema property =
                schema.getProperties() == null ? null : schema.getProperties().get(field);
            if (property == null) {
              throw new IllegalStateException(
                  "@FreeText " + name + "." + field + " has no property in the OpenAPI document");
            }
            property.addExtension(FreeText.OPENAPI, true);
          }
        });
  }
}
