package jp.grants.review.committee.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A program's committee: who last set it, and when. Its members are rows of committee_member. */
@Entity
@Table(name = "committee")
public class CommitteeEntity extends PanacheEntityBase {
  @Id
  @Column(name = "program_code")
  public String programCode;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  @Version public long version;
}
