package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A phase of a grant with its annual cap. A program's first phase is where an award starts.
 *
 * @param annualCapYen the most a grant may be allocated in one fiscal year of this phase; null
 *     where the program caps only the total (KAKENHI International Leading Research)
 * @param annualFloorYen the least, where the program names a range (SICORP); null otherwise
 * @param maxYears how many years a grant may stay in this phase at most (WPI CORE before step-up:
 *     5); null for no limit other than the grant's duration
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Phase(
    String code,
    String name,
    Long annualCapYen,
    Long annualFloorYen,
    Integer maxYears,
    Requirements requirements) {

  public Requirements requirementsOrNone() {
    return requirements == null ? Requirements.NONE : requirements;
  }
}
