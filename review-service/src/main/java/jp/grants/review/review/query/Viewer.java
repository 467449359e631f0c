package jp.grants.review.review.query;

import java.util.UUID;

/**
 * Who reads reviews. A reviewer sees only the reviews they are assigned to, and of those only
 * their own scorecard; everyone else who may read reviews sees them whole.
 *
 * @param reviewerId the reviewer's registry id when the reader reads as a reviewer; null otherwise
 */
public record Viewer(boolean reviewerOnly, UUID reviewerId) {
  public static final Viewer EVERYTHING = new Viewer(false, null);

  public static Viewer reviewer(UUID reviewerId) {
    return new Viewer(true, reviewerId);
  }
}
