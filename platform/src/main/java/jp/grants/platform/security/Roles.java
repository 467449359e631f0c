package jp.grants.platform.security;

import java.util.List;

/**
 * The roles of the platform, carried in the JWT {@code groups} claim. Each endpoint names the roles
 * it allows; an endpoint that names none is denied ({@code deny-unannotated-endpoints}).
 */
public final class Roles {
  public static final String APPLICANT = "applicant";
  public static final String PROGRAM_OFFICER = "program-officer";
  public static final String REVIEWER = "reviewer";
  public static final String COMMITTEE_CHAIR = "committee-chair";
  public static final String FINANCE = "finance";
  public static final String AUDITOR = "auditor";
  public static final String ADMIN = "admin";

  /** In the order in which one is chosen as "the" role of a caller who has several. */
  public static final List<String> ALL =
      List.of(ADMIN, AUDITOR, FINANCE, COMMITTEE_CHAIR, PROGRAM_OFFICER, REVIEWER, APPLICANT);

  private Roles() {}
}
