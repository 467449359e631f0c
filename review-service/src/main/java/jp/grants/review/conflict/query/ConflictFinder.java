package jp.grants.review.conflict.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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
