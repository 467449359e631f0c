package jp.grants.review.reviewer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered reviewer: who they are, where they work, and the login they act through. */
@Entity
@Table(name = "reviewer")
public class ReviewerEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(nullable = false, unique = true)
  public String subject;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String affiliation;

  @Column(nullable = false, length = 2)
  public String country;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public List<String> fields = new ArrayList<>();

  @Column(name = "registered_at", nullable = false)
  public Instant registeredAt;

  @Column(name = "registered_by", nullable = false)
  public String registeredBy;

  /** Several reviewers by id, read in one query. */
  public static Map<UUID, ReviewerEntity> byIds(Collection<UUID> ids) {
    Map<UUID, ReviewerEntity> found = new LinkedHashMap<>();
    if (!ids.isEmpty()) {
      ReviewerEntity.<ReviewerEntity>list("id in ?1", ids)
          .forEach(reviewer -> found.put(reviewer.id, reviewer));
    }
    return found;
  }

  public static Optional<ReviewerEntity> findBySubject(String subject) {
    return find("subject", subject).firstResultOptional();
  }
}
