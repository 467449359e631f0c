package jp.grants.review.reviewer.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.grants.platform.security.Actor;
import jp.grants.platform.security.Roles;
import jp.grants.review.conflict.domain.ConflictKind;
import jp.grants.review.conflict.domain.Names;
import jp.grants.review.review.command.AssignmentHandler;
import jp.grants.review.review.command.RemovedAssignment;
import jp.grants.review.reviewer.persistence.DeclaredConflictEntity;
import jp.grants.review.reviewer.persistence.ReviewerEntity;
import jp.grants.review.rule.ReviewRule;
import org.hibernate.exception.ConstraintViolationException;

/** Keeps the reviewer registry and the conflicts reviewers declare. */
@ApplicationScoped
public class ReviewerCommandHandler {

  @Inject AssignmentHandler assignments;

  @Transactional
  public ReviewerEntity handle(RegisterReviewerCommand command, Actor actor) {
    if (ReviewerEntity.findBySubject(command.subject()).isPresent()) {
      throw ReviewRule.REVIEWER_SUBJECT_UNIQUE.violation(
          "a reviewer with login " + command.subject() + " is registered already");
    }
    ReviewerEntity reviewer = new ReviewerEntity();
    reviewer.id = UUID.randomUUID();
    reviewer.subject = command.subject();
    reviewer.name = command.name().trim();
    reviewer.affiliation = command.affiliation().trim();
    reviewer.country = command.country();
    reviewer.fields = new ArrayList<>(command.fields() == null ? List.of() : command.fields());
    reviewer.registeredAt = Instant.now();
    reviewer.registeredBy = actor.subject();
    try {
      reviewer.persistAndFlush();
    } catch (PersistenceException e) {
      // a concurrent registration of the same login got in first: the unique constraint says so
      if (e instanceof ConstraintViolationException
          || e.getCause() instanceof ConstraintViolationException) {
        throw ReviewRule.REVIEWER_SUBJECT_UNIQUE.violation(
            "a reviewer with login " + command.subject() + " is registered already");
      }
      throw e;
    }
    return reviewer;
  }

  /**
   * Records the conflict, then takes the reviewer off every open review the conflict touches,
   * scores included: a conflicted reviewer's scores must not count.
   */
  @Transactional
  public ConflictDeclared handle(DeclareConflictCommand command, Actor actor) {
    ReviewerEntity reviewer =
        ReviewerEntity.<ReviewerEntity>findByIdOptional(command.reviewerId())
            .orElseThrow(() -> new NotFoundException("no reviewer " + command.reviewerId()));
    if (actor.is(Roles.REVIEWER) && !reviewer.subject.equals(actor.subject())) {
      throw new ForbiddenException("a reviewer declares conflicts for themselves only");
    }
    String value = command.value().trim();
    if (command.kind() == ConflictKind.GRANT) {
      value = grantId(value);
    }
    String normalized = Names.normalize(value);
    var existing =
        DeclaredConflictEntity.<DeclaredConflictEntity>find(
                "reviewerId = ?1 and kind = ?2 and normalizedValue = ?3",
                reviewer.id,
                command.kind(),
                normalized)
            .firstResultOptional();
    boolean created = existing.isEmpty();
    DeclaredConflictEntity conflict =
        existing.orElseGet(() -> newConflict(reviewer, command, normalized, actor));
    List<RemovedAssignment> removed = assignments.removeConflicted(reviewer);
    return new ConflictDeclared(conflict, created, removed);
  }

  private DeclaredConflictEntity newConflict(
      ReviewerEntity reviewer, DeclareConflictCommand command, String normalized, Actor actor) {
    DeclaredConflictEntity conflict = new DeclaredConflictEntity();
    conflict.id = UUID.randomUUID();
    conflict.reviewerId = reviewer.id;
    conflict.kind = command.kind();
    conflict.value =
        command.kind() == ConflictKind.GRANT
            ? grantId(command.value().trim())
            : command.value().trim();
    conflict.normalizedValue = normalized;
    conflict.reason = command.reason();
    conflict.declaredAt = Instant.now();
    conflict.declaredBy = actor.subject();
    conflict.persistAndFlush();
    return conflict;
  }

  private static String grantId(String value) {
    try {
      return UUID.fromString(value).toString();
    } catch (IllegalArgumentException e) {
      throw ReviewRule.CONFLICT_GRANT_ID.violation(
          "a GRANT conflict names a grant id (a UUID); got " + value);
    }
  }

  /** A declaration and what it changed. */
  public record ConflictDeclared(
      DeclaredConflictEntity conflict, boolean created, List<RemovedAssignment> removed) {}
}
