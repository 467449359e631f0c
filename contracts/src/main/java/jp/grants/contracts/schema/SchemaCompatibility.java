package jp.grants.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a schema may replace a committed one under the same schema version. Within a version,
 * events already stored or in flight must still be read by every consumer and every consumer must
 * still read what producers now write, so the only change allowed is adding an optional property
 * (consumers ignore properties they do not know). Anything else needs a new schema version and an
 * upcaster:
 *
 * <ul>
 *   <li>a property removed (consumers of the version may rely on it);
 *   <li>a property added as required, or made required (stored events lack it);
 *   <li>a required property made optional or nullable (consumers may rely on it);
 *   <li>a changed type, format, constant, pattern or bound;
 *   <li>an enum narrowed (stored events hold the removed constant) or widened (a consumer on the
 *       version cannot read the new constant: Jackson refuses unknown enum constants).
 * </ul>
 *
 * Titles, descriptions and ids are documentation and may change freely.
 */
public final class SchemaCompatibility {
  /** Keywords that describe and do not constrain. */
  private static final Set<String> ANNOTATIONS =
      Set.of("$schema", "$id", "title", "description", "$comment");

  /** Keywords compared structurally; any other keyword must stay exactly as it was. */
  private static final Set<String> STRUCTURAL =
      Set.of("type", "enum", "properties", "required", "items");

  private SchemaCompatibility() {}

  /**
   * Why {@code current} cannot replace {@code committed} under the same version.
   *
   * @return one line per breaking change, each naming the property path; empty when compatible
   */
  public static List<String> breakingChanges(JsonNode committed, JsonNode current) {
    List<String> problems = new ArrayList<>();
    compare("$", committed, current, problems);
    return problems;
  }

  public static boolean compatible(JsonNode committed, JsonNode current) {
    return breakingChanges(committed, current).isEmpty();
  }

  private static void compare(String path, JsonNode before, JsonNode after, List<String> problems) {
    if (!types(before).equals(types(after))) {
      problems.add(path + ": type changed from " + types(before) + " to " + types(after));
    }
    compareEnums(path, before.get("enum"), after.get("enum"), problems);
    compareProperties(path, before, after, problems);
    if (before.has("items") || after.has("items")) {
      if (before.has("items") && after.has("items")) {
        compare(path + "[]", before.get("items"), after.get("items"), problems);
      } else {
        problems.add(path + ": items " + (before.has("items") ? "removed" : "added"));
      }
    }
    for (String keyword : keywords(before, after)) {
      if (!ANNOTATIONS.contains(keyword)
          && !STRUCTURAL.contains(keyword)
          && !String.valueOf(before.get(keyword)).equals(String.valueOf(after.get(keyword)))) {
        problems.add(
            path
                + ": "
                + keyword
                + " changed from "
                + before.get(keyword)
                + " to "
                + after.get(keyword));
      }
    }
  }

  private static void compareEnums(
      String path, JsonNode before, JsonNode after, List<String> problems) {
    if (before == null && after == null) {
      return;
    }
    if (before == null || after == null) {
      problems.add(path + ": enum " + (before == null ? "added" : "removed"));
      return;
    }
    Set<String> removed = difference(values(before), values(after));
    Set<String> added = difference(values(after), values(before));
    if (!removed.isEmpty()) {
      problems.add(path + ": enum narrowed, " + removed + " no longer allowed");
    }
    if (!added.isEmpty()) {
      problems.add(
          path + ": enum widened by " + added + ", which consumers of this version cannot read");
    }
  }

  private static void compareProperties(
      String path, JsonNode before, JsonNode after, List<String> problems) {
    JsonNode oldProperties = before.path("properties");
    JsonNode newProperties = after.path("properties");
    Set<String> oldRequired = values(before.path("required"));
    Set<String> newRequired = values(after.path("required"));
    for (Map.Entry<String, JsonNode> property : oldProperties.properties()) {
      String name = property.getKey();
      String where = path + "." + name;
      if (!newProperties.has(name)) {
        problems.add(where + ": removed");
        continue;
      }
      if (oldRequired.contains(name) && !newRequired.contains(name)) {
        problems.add(where + ": no longer required");
      } else if (!oldRequired.contains(name) && newRequired.contains(name)) {
        problems.add(where + ": became required, but events stored without it exist");
      }
      compare(where, property.getValue(), newProperties.get(name), problems);
    }
    for (Map.Entry<String, JsonNode> property : newProperties.properties()) {
      String name = property.getKey();
      if (!oldProperties.has(name) && newRequired.contains(name)) {
        problems.add(path + "." + name + ": added as required, but events stored without it exist");
      }
    }
  }

  private static Set<String> types(JsonNode schema) {
    return values(schema.path("type"));
  }

  /** A keyword's value as a set of strings: a single value or the members of an array. */
  private static Set<String> values(JsonNode node) {
    Set<String> values = new TreeSet<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.isNull() ? "null" : value.asText()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      values.add(node.asText());
    }
    return values;
  }

  private static Set<String> keywords(JsonNode before, JsonNode after) {
    Set<String> keywords = new LinkedHashSet<>();
    before.properties().forEach(entry -> keywords.add(entry.getKey()));
    after.properties().forEach(entry -> keywords.add(entry.getKey()));
    return keywords;
  }

  private static Set<String> difference(Set<String> left, Set<String> right) {
    Set<String> result = new TreeSet<>(left);
    result.removeAll(right);
    return result;
  }
}
