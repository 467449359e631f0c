package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a grant may be extended after its regular duration.
 *
 * @param annualCapYen the most per extension year; null where only the total cap applies
 * @param minGrade the grade a completed evaluation must reach for an extension (WPI: S,
 *     "particularly excellent results"); null where any completed evaluation will do
 * @param source where the condition comes from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Extension(
    String phase, int maxYears, Long annualCapYen, String minGrade, String source) {
  /** The grades from best to worst. */
  public static final java.util.List<String> GRADES = java.util.List.of("S", "A", "B", "C");

  /** Whether an evaluation's grade allows an extension. */
  public boolean allowsGrade(String grade) {
    int rank = GRADES.indexOf(grade);
    return rank >= 0 && (minGrade == null || rank <= GRADES.indexOf(minGrade));
  }
}
