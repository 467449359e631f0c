package jp.grants.review.persistence;

import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jp.grants.contracts.EventJson;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * JSON columns (reviewer fields, host institutions, allocations) are written with the one JSON
 * configuration of events, not with the REST layer's mapper, so that a change to the API's JSON
 * never changes what is stored.
 */
@JsonFormat
@PersistenceUnitExtension
@ApplicationScoped
public class JsonColumns implements FormatMapper {
  private final FormatMapper delegate = new JacksonJsonFormatMapper(EventJson.newMapper());

  @Override
  public <T> T fromString(
      CharSequence charSequence, JavaType<T> javaType, WrapperOptions wrapperOptions) {
    return delegate.fromString(charSequence, javaType, wrapperOptions);
  }

  @Override
  public <T> String toString(T value, JavaType<T> javaType, WrapperOptions wrapperOptions) {
    return delegate.toString(value, javaType, wrapperOptions);
  }
}
