package jp.grants.contracts;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Sample instances of the contract records, built by reflection so that every new event has one.
 */
public final class EventSamples {
  private EventSamples() {}

  /** A record with every component set to a non-default value. */
  public static Object sample(Class<?> type) throws Exception {
    return build(type, false);
  }

  /** A record with every {@link Nullable} component null (nested records too), the rest set. */
  public static Object sparse(Class<?> type) throws Exception {
    return build(type, true);
  }

  /** A record built from the given component values, in declaration order. */
  public static Object construct(Class<?> type, Object[] args) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    Constructor<?> constructor = type.getDeclaredConstructor(types);
    return constructor.newInstance(args);
  }

  /** The component values of a sample, to be changed and passed to {@link #construct}. */
  public static Object[] sampleArguments(Class<?> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      args[i] = value(components[i].getType(), components[i].getGenericType(), i, false);
    }
    return args;
  }

  private static Object build(Class<?> type, boolean sparse) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      boolean leaveNull = sparse && components[i].isAnnotationPresent(Nullable.class);
      args[i] =
          leaveNull
              ? null
              : value(components[i].getType(), components[i].getGenericType(), i, sparse);
    }
    return construct(type, args);
  }

  private static Object value(Class<?> type, Type generic, int i, boolean sparse) throws Exception {
    if (type == UUID.class) return UUID.nameUUIDFromBytes(new byte[] {(byte) i});
    if (type == String.class) return "text-" + i;
    if (type == int.class || type == Integer.class) return 2025 + i;
    if (type == long.class || type == Long.class) return 1_000_000L * (i + 1);
    if (type == boolean.class) return true;
    if (type == LocalDate.class) return LocalDate.of(2027, 3, 31);
    if (type.isEnum()) return type.getEnumConstants()[i % type.getEnumConstants().length];
    if (type.isRecord()) return build(type, sparse);
    if (type == List.class) {
      Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
      Class<?> elementClass = (Class<?>) element;
      return List.of(
          value(elementClass, elementClass, i, sparse),
          value(elementClass, elementClass, i + 1, sparse));
    }
    throw new IllegalArgumentException("no sample for " + type);
  }
}
