package jp.grants.review.conflict.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.review.conflict.domain.Conflict;
import jp.grants.review.conflict.domain.ConflictDetector;
import jp.grants.review.grant.persistence.GrantViewEntity;
import jp.grants.review.reviewer.persistence.DeclaredConflictEntity;
import jp.grants.review.reviewer.persistence.ReviewerEntity;

/** Every conflict between a registered reviewer and a grant, declared or detected. */
@ApplicationScoped
public class ConflictFinder {

  public List<Conflict> conflicts(ReviewerEntity reviewer, GrantViewEntity grant) {
    var declared =
        DeclaredConflictEntity.ofReviewer(reviewer.id).stream()
            .map(DeclaredConflictEntity::toDomain)
            .toList();
    return ConflictDetector.conflicts(
        reviewer.name, reviewer.affiliation, declared, grant.parties());
  }

  /**
   * The conflicts of each of several reviewers with the grant (an empty list for one without),
   * their declarations read in one query.
   */
  public Map<UUID, List<Conflict>> conflicts(
      Collection<ReviewerEntity> reviewers, GrantViewEntity grant) {
    Map<UUID, List<DeclaredConflictEntity>> declared = declared(reviewers);
    Map<UUID, List<Conflict>> found = new LinkedHashMap<>();
    for (ReviewerEntity reviewer : reviewers) {
      found.put(
          reviewer.id,
          ConflictDetector.conflicts(
              reviewer.name,
              reviewer.affiliation,
              declared.getOrDefault(reviewer.id, List.of()).stream()
                  .map(DeclaredConflictEntity::toDomain)
                  .toList(),
              grant.parties()));
    }
    return found;
  }

  /** Every declaration of each of the reviewers, in the order declared, read in one query. */
  public static Map<UUID, List<DeclaredConflictEntity>> declared(
      Collection<ReviewerEntity> reviewers) {
    Map<UUID, List<DeclaredConflictEntity>> declared = new HashMap<>();
    DeclaredConflictEntity.ofReviewers(reviewers.stream().map(r -> r.id).toList())
        .forEach(c -> declared.computeIfAbsent(c.reviewerId, id -> new ArrayList<>()).add(c));
    return declared;
  }

  /** "declared INSTITUTION Kyoto University: …; detected PERSON …" for refusals and responses. */
  public static String describe(List<Conflict> conflicts) {
    return String.join(
        "; ",
        conflicts.stream()
            .map(
                c ->
                    c.source().name().toLowerCase()
                        + " "
                        + c.kind()
                        + " conflict ("
                        + c.value()
                        + "): "
                        + c.reason())
            .toList());
  }
}
