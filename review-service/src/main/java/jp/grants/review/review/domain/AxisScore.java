package jp.grants.review.review.domain;

/** One reviewer's score (1 to 5) on one evaluation axis, with the comment that justifies it. */
public record AxisScore(String axis, int score, String comment) {}
