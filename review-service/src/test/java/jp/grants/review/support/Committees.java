package jp.grants.review.support;

import static jp.grants.review.support.ReviewApi.assign;
import static jp.grants.review.support.ReviewApi.register;
import static jp.grants.review.support.ReviewApi.score;
import static jp.grants.review.support.ReviewApi.setCommittee;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.review.support.ReviewApi.Reviewer;

/** Committees the review tests decide with, registered anew each time. */
public final class Committees {
  private Committees() {}

  /**
   * A compliant WPI-CORE committee, exactly half from abroad: the chair (JP) first, then a member
   * from the US, one from Great Britain and one from Japan.
   */
  public static List<Reviewer> compliantCoreCommittee() {
    Reviewer chair = register("Michinari Hamaguchi", "Nagoya University", "JP");
    Reviewer us = register("Victor Dzau", "National Academy of Medicine", "US");
    Reviewer gb = register("Jane Smith", "University of Cambridge", "GB");
    Reviewer jp = register("Takaaki Kajita", "University of Tokyo", "JP");
    setCommittee("WPI-CORE", chair, "CHAIR", us, "MEMBER", gb, "MEMBER", jp, "MEMBER")
        .statusCode(200)
        .body("composition.votingMembersFromOutsideJapan", equalTo(2))
        .body("composition.compliant", equalTo(true));
    return List.of(chair, us, gb, jp);
  }

  /** Assigns every member but the chair (the first) and has each score every axis. */
  public static void scoreByAllMembers(
      UUID reviewId, List<Reviewer> committee, String programCode, int score) {
    for (Reviewer member : committee.subList(1, committee.size())) {
      assign(reviewId, member).statusCode(201);
      score(reviewId, member, programCode, score, Map.of()).statusCode(200);
    }
  }
}
