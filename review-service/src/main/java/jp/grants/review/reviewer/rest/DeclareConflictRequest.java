package jp.grants.review.reviewer.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import jp.grants.review.conflict.domain.ConflictKind;
import jp.grants.review.reviewer.command.DeclareConflictCommand;

/**
 * A conflict of interest to declare.
 *
 * @param value the institution's name, the person's name, or the grant id
 */
public record DeclareConflictRequest(
    @NotNull ConflictKind kind, @NotBlank @Size(max = 300) String value, @Size(max = 2000) String reason) {

  DeclareConflictCommand toCommand(UUID reviewerId) {
    return new DeclareConflictCommand(reviewerId, kind, value, reason);
  }
}
