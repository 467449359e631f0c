package jp.grants.catalog;

/**
 * Who takes a decision of a kind on a program's grants (catalog {@code deciders}).
 *
 * <ul>
 *   <li>{@link #COMMITTEE}: only the program's committee, through a decided review in
 *       review-service (ReviewCompleted); a program officer cannot record it directly.
 *   <li>{@link #OFFICER_OR_COMMITTEE}: a committee's review decides it, or a program officer
 *       records the funder's decision directly, with a reason, recorded as such on the event.
 * </ul>
 */
public enum Decider {
  COMMITTEE,
  OFFICER_OR_COMMITTEE
}
