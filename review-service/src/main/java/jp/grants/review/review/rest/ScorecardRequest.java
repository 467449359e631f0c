package jp.grants.review.review.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import jp.grants.platform.web.FreeText;
import jp.grants.review.review.domain.AxisScore;

/**
 * A scorecard: every evaluation axis of the review's program scored 1 to 5, each with a comment.
 */
public record ScorecardRequest(
    @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Score> scores) {

  public record Score(
      @NotBlank @Size(max = 50) String axis,
      @NotNull @Min(1) @Max(5) Integer score,
      @NotBlank @Size(max = 4000) @FreeText String comment) {}

  List<AxisScore> toDomain() {
    return scores.stream()
        .map(s -> new AxisScore(s.axis(), s.score(), s.comment().trim()))
        .toList();
  }
}
