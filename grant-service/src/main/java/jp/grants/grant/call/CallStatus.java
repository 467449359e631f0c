package jp.grants.grant.call;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/**
 * Where a call stands on a day (Japan time): it follows from its dates and an early closure, so it
 * is computed, not stored — here in Java for one call and, the same rule, as SQL for a list.
 */
public enum CallStatus {
  /** Before its opening day: no proposal yet. */
  SCHEDULED(" AND closed_on IS NULL AND opens_on > ?", 1),
  /** From its opening to its closing day, unless closed early: proposals are accepted. */
  OPEN(" AND closed_on IS NULL AND opens_on <= ? AND closes_on >= ?", 2),
  /** After its closing day, or closed early by a program officer. */
  CLOSED(" AND (closed_on IS NOT NULL OR closes_on < ?)", 1);

  private final String condition;
  private final int todayParameters;

  CallStatus(String condition, int todayParameters) {
    this.condition = condition;
    this.todayParameters = todayParameters;
  }

  /** The status of a call with these dates on {@code today}. */
  public static CallStatus on(
      LocalDate today, LocalDate opensOn, LocalDate closesOn, LocalDate closedOn) {
    if (closedOn != null || today.isAfter(closesOn)) {
      return CLOSED;
    }
    return today.isBefore(opensOn) ? SCHEDULED : OPEN;
  }

  /**
   * Appends this status as a condition on {@code call_for_proposals} to a WHERE clause, and its
   * parameters (today, as often as the condition names it).
   */
  void appendCondition(StringBuilder where, List<Object> parameters, LocalDate today) {
    where.append(condition);
    for (int i = 0; i < todayParameters; i++) {
      parameters.add(Date.valueOf(today));
    }
  }
}
