package jp.grants.review.committee.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import jp.grants.review.committee.command.SetCommitteeCommand;
import jp.grants.review.committee.domain.CommitteeRole;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The whole committee of a program: every member with their role. */
public record SetCommitteeRequest(@NotNull @Size(max = 50) List<@NotNull @Valid Member> members) {

  @Schema(name = "CommitteeMemberRequest")
  public record Member(@NotNull UUID reviewerId, @NotNull CommitteeRole role) {}

  SetCommitteeCommand toCommand(String programCode) {
    return new SetCommitteeCommand(
        programCode,
        members.stream().map(m -> new SetCommitteeCommand.Seat(m.reviewerId(), m.role())).toList());
  }
}
