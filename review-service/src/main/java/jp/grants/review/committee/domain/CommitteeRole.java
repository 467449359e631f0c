package jp.grants.review.committee.domain;

/**
 * A seat on a program committee. The chair and the members vote and review; the program director
 * (PD) and program officers (PO) manage the program beside the committee and do not vote.
 */
public enum CommitteeRole {
  CHAIR(true),
  MEMBER(true),
  PROGRAM_DIRECTOR(false),
  PROGRAM_OFFICER(false);

  private final boolean voting;

  CommitteeRole(boolean voting) {
    this.voting = voting;
  }

  public boolean voting() {
    return voting;
  }
}
