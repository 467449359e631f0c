package jp.grants.review.reviewer.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.grants.review.reviewer.persistence.ReviewerEntity;

/** A reviewer of the registry. */
public record ReviewerView(
    UUID id,
    String subject,
    String name,
    String affiliation,
    String country,
    List<String> fields,
    Instant registeredAt,
    String registeredBy) {

  public static ReviewerView of(ReviewerEntity reviewer) {
    return new ReviewerView(
        reviewer.id,
        reviewer.subject,
        reviewer.name,
        reviewer.affiliation,
        reviewer.country,
        List.copyOf(reviewer.fields),
        reviewer.registeredAt,
        reviewer.registeredBy);
  }
}
