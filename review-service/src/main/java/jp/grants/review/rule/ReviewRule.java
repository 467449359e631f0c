package jp.grants.review.rule;

import static jp.grants.contracts.rule.Rule.Kind.CONFLICT;
import static jp.grants.contracts.rule.Rule.Kind.UNPROCESSABLE;

import jp.grants.contracts.rule.Rule;

/**
 * The rules by which review-service refuses a request, each named after its stable wire name (the
 * problem's {@code rule}) and carrying the kind of refusal it makes. The rules of a decision the
 * committee and the grant share are the catalog's ({@link jp.grants.catalog.CatalogRule}).
 */
public enum ReviewRule implements Rule {
  REVIEW_OPEN("REVIEW-OPEN", CONFLICT),
  REVIEW_ALREADY_DECIDED("REVIEW-ALREADY-DECIDED", CONFLICT),
  REVIEW_QUORUM("REVIEW-QUORUM", CONFLICT),
  GRANT_KNOWN("GRANT-KNOWN", CONFLICT),
  REVIEWER_REGISTERED("REVIEWER-REGISTERED", UNPROCESSABLE),
  REVIEWER_NOT_ON_COMMITTEE("REVIEWER-NOT-ON-COMMITTEE", CONFLICT),
  REVIEWER_CONFLICT("REVIEWER-CONFLICT", CONFLICT),
  REVIEWER_ALREADY_ASSIGNED("REVIEWER-ALREADY-ASSIGNED", CONFLICT),
  REVIEWER_SUBJECT_UNIQUE("REVIEWER-SUBJECT-UNIQUE", CONFLICT),
  CONFLICT_GRANT_ID("CONFLICT-GRANT-ID", UNPROCESSABLE),
  RECOMMENDATION_FITS_KIND("RECOMMENDATION-FITS-KIND", UNPROCESSABLE),
  DECISION_GRADE("DECISION-GRADE", UNPROCESSABLE),
  DECISION_ALLOCATIONS("DECISION-ALLOCATIONS", UNPROCESSABLE),
  SCORECARD_COVERS_AXES("SCORECARD-COVERS-AXES", UNPROCESSABLE),
  COMMITTEE_MEMBER_REGISTERED("COMMITTEE-MEMBER-REGISTERED", UNPROCESSABLE),
  COMMITTEE_MEMBER_ONCE("COMMITTEE-MEMBER-ONCE", UNPROCESSABLE),
  COMMITTEE_ONE_CHAIR("COMMITTEE-ONE-CHAIR", UNPROCESSABLE),
  COMMITTEE_COMPOSITION("COMMITTEE-COMPOSITION", CONFLICT);

  private final String code;
  private final Kind kind;

  ReviewRule(String code, Kind kind) {
    this.code = code;
    this.kind = kind;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public Kind kind() {
    return kind;
  }
}
