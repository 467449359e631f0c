package jp.grants.review.committee.command;

import java.util.List;
import java.util.UUID;
import jp.grants.review.committee.domain.CommitteeRole;

/** Make the program's committee exactly these members, in these roles. */
public record SetCommitteeCommand(String programCode, List<Seat> members) {
  public record Seat(UUID reviewerId, CommitteeRole role) {}
}
