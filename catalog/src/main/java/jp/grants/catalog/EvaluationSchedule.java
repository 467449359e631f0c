package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * When a program evaluates its grants.
 *
 * @param interimYear the grant year in which the interim evaluation falls (WPI: year 5); null where
 *     the program names none and any year of the grant will do
 * @param source where it comes from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationSchedule(Integer interimYear, String source) {
  public static final EvaluationSchedule ANY = new EvaluationSchedule(null, "none");

  /**
   * The fiscal year of the interim evaluation of a grant starting in {@code startFiscalYear}, if
   * fixed.
   */
  public java.util.OptionalInt interimFiscalYear(int startFiscalYear) {
    return interimYear == null
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(startFiscalYear + interimYear - 1);
  }
}
