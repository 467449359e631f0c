package jp.grants.review.reviewer.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import jp.grants.platform.web.FreeText;
import jp.grants.review.conflict.domain.ConflictKind;
import jp.grants.review.reviewer.command.DeclareConflictCommand;

/**
 * A conflict of interest to declare.
 *
 * @param value the institution's name, the person's name, or the grant id
 * @param reason optional; when sent, a text (a {@code null} is refused, as everywhere: leave it
 *     out)
 */
public record DeclareConflictRequest(
    @NotNull ConflictKind kind,
    @NotBlank @Size(max = 300) String value,
    @Size(max = 2000) @FreeText String reason) {

  DeclareConflictCommand toCommand(UUID reviewerId) {
    return new DeclareConflictCommand(reviewerId, kind, value, reason);
  }
}
