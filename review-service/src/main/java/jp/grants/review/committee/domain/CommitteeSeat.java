package jp.grants.review.committee.domain;

import java.util.UUID;

/**
 * One member of a committee as the composition rule sees them.
 *
 * @param country ISO 3166-1 alpha-2 code of the country the member's research is based in
 */
public record CommitteeSeat(UUID reviewerId, String country, CommitteeRole role) {
  public static final String JAPAN = "JP";

  public boolean fromOutsideJapan() {
    return !JAPAN.equals(country);
  }
}
