package jp.grants.review.committee.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.grants.review.committee.domain.CommitteeRole;

/** One seat on a program's committee. */
@Entity
@Table(name = "committee_member")
public class CommitteeMemberEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "program_code", nullable = false)
  public String programCode;

  @Column(name = "reviewer_id", nullable = false)
  public UUID reviewerId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public CommitteeRole role;

  public static List<CommitteeMemberEntity> ofProgram(String programCode) {
    return list("programCode", programCode);
  }

  /** The programs whose committee the reviewer chairs. */
  public static List<String> chairedBy(UUID reviewerId) {
    return CommitteeMemberEntity.<CommitteeMemberEntity>list(
            "reviewerId = ?1 and role = ?2", reviewerId, CommitteeRole.CHAIR)
        .stream()
        .map(seat -> seat.programCode)
        .toList();
  }

  public static Optional<CommitteeMemberEntity> seat(String programCode, UUID reviewerId) {
    return find("programCode = ?1 and reviewerId = ?2", programCode, reviewerId)
        .firstResultOptional();
  }
}
