package jp.grants.review.web;

import jakarta.ws.rs.BadRequestException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Query parameters read by hand: Jakarta REST answers a parameter it cannot convert with 404, but a
 * malformed filter is the client's mistake and gets a 400 that names it.
 */
public final class QueryParams {
  private QueryParams() {}

  public static UUID uuid(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("query parameter " + name + " must be a UUID; got " + value);
    }
  }

  public static <E extends Enum<E>> E enumeration(String name, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "query parameter "
              + name
              + " must be one of "
              + Arrays.toString(type.getEnumConstants())
              + "; got "
              + value);
    }
  }

  public static int bounded(String name, String value, int defaultValue, int max) {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 1 && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequestException(
        "query parameter " + name + " must be a whole number from 1 to " + max + "; got " + value);
  }
}
