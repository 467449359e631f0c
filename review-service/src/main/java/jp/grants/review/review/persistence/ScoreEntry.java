package jp.grants.review.review.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jp.grants.review.review.domain.AxisScore;

/** One axis of a scorecard. */
@Embeddable
public class ScoreEntry {
  @Column(name = "axis_code", nullable = false)
  public String axisCode;

  @Column(nullable = false)
  public int score;

  @Column(nullable = false)
  public String comment;

  public ScoreEntry() {}

  public ScoreEntry(AxisScore score) {
    this.axisCode = score.axis();
    this.score = score.score();
    this.comment = score.comment();
  }

  public AxisScore toDomain() {
    return new AxisScore(axisCode, score, comment);
  }
}
