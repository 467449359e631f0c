package jp.grants.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

/**
 * A field needs nothing but {@link FreeText} for the document to let it hold line breaks: the
 * filter finds it in the index under its class's schema name.
 */
class FreeTextFieldsTest {
  record Note(@FreeText String text, String code) {}

  @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "NamedNote")
  record Renamed(@FreeText String body) {}

  @Test
  void shouldMarkTheAnnotatedPropertiesUnderTheirSchemaNames() throws IOException {
    OpenAPI api = document(Map.of("Note", object("text", "code"), "NamedNote", object("body")));

    FreeTextFields.of(Index.of(Note.class, Renamed.class)).mark(api);

    assertThat(property(api, "Note", "text").getExtensions()).containsKey(FreeText.OPENAPI);
    assertThat(property(api, "Note", "code").getExtensions()).isNull();
    assertThat(property(api, "NamedNote", "body").getExtensions()).containsKey(FreeText.OPENAPI);
  }

  @Test
  void shouldRefuseADocumentWhoseSchemaLacksAMarkedField() throws IOException {
    OpenAPI api = document(Map.of("Note", object("code")));

    assertThatThrownBy(() -> FreeTextFields.of(Index.of(Note.class)).mark(api))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Note.text");
  }

  @Test
  void shouldRefuseTwoClassesOfOneSchemaName() {
    OpenAPI twice = document(Map.of("Page", object("items"), "Page1", object("items")));
    OpenAPI distinct = document(Map.of("Iso3166", object("code"), "Page", object("items")));

    assertThatThrownBy(() -> OpenApiContract.distinctNames(twice.getComponents()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Page and Page1");
    OpenApiContract.distinctNames(distinct.getComponents()); // a name may end in digits
  }

  private static OpenAPI document(Map<String, Schema> schemas) {
    OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents());
    schemas.forEach(api.getComponents()::addSchema);
    return api;
  }

  /** An object of text properties. */
  private static Schema object(String... properties) {
    Schema object = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
    for (String name : properties) {
      object.addProperty(name, OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }
    return object;
  }

  private static Schema property(OpenAPI api, String schema, String name) {
    return api.getComponents().getSchemas().get(schema).getProperties().get(name);
  }
}
