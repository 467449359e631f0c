package jp.grants.review.review.query;

import java.util.Set;
import java.util.UUID;

/**
 * Who reads reviews, and so which reviews exist for them.
 *
 * <ul>
 *   <li>A reviewer sees only the reviews they are assigned to, and of those only their own
 *       scorecard.
 *   <li>A committee chair sees the reviews of the programs whose committee they chair, whole.
 *   <li>Neither ever sees a review of a grant they have a conflict of interest with, declared or
 *       detected: a conflict that arises after a review was decided keeps the assignment (the
 *       decision stands) but hides the review.
 *   <li>Program officers and auditors see everything.
 * </ul>
 *
 * @param reviewerOnly whether the reader sees only the reviews assigned to them
 * @param reviewerId the reader's registry id when they read as a reviewer or chair (null when they
 *     are not registered: then they see nothing)
 * @param chairedPrograms the programs whose committee the reader chairs, when they read as chair;
 *     null for everyone else
 */
public record Viewer(boolean reviewerOnly, UUID reviewerId, Set<String> chairedPrograms) {
  public static final Viewer EVERYTHING = new Viewer(false, null, null);

  public static Viewer reviewer(UUID reviewerId) {
    return new Viewer(true, reviewerId, null);
  }

  public static Viewer chair(UUID reviewerId, Set<String> chairedPrograms) {
    return new Viewer(false, reviewerId, Set.copyOf(chairedPrograms));
  }

  /**
   * Whether the reader is a member of the review process, and so bound by assignments and
   * conflicts.
   */
  public boolean isMember() {
    return reviewerOnly || chairedPrograms != null;
  }
}
