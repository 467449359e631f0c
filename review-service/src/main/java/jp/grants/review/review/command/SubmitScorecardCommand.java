package jp.grants.review.review.command;

import java.util.List;
import java.util.UUID;
import jp.grants.review.review.domain.AxisScore;

/** The acting reviewer's scores on every axis of a review's program. */
public record SubmitScorecardCommand(UUID reviewId, List<AxisScore> scores) {}
