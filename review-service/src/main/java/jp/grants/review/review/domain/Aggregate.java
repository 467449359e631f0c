package jp.grants.review.review.domain;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The scorecards of a review summed up: the mean of each axis over the reviewers who scored, and
 * the overall mean of all their scores, in hundredths.
 *
 * @param scorecards how many scorecards went in
 * @param overallMeanHundredths null when nobody scored yet
 */
public record Aggregate(
    int scorecards,
    List<AxisMean> axes,
    @Schema(nullable = true, description = "None before the first scorecard")
        Integer overallMeanHundredths) {

  /** The mean of one axis; null when nobody scored yet. */
  public record AxisMean(
      String axis,
      @Schema(nullable = true, description = "None before the first scorecard")
          Integer meanHundredths) {}

  /**
   * @param axisCodes the program's axes in catalog order
   * @param scorecards each scorecard scores every axis once (checked when it was submitted)
   */
  public static Aggregate of(List<String> axisCodes, List<List<AxisScore>> scorecards) {
    List<AxisMean> means = new ArrayList<>();
    long total = 0;
    long count = 0;
    for (String axis : axisCodes) {
      long sum = 0;
      int n = 0;
      for (List<AxisScore> card : scorecards) {
        for (AxisScore score : card) {
          if (score.axis().equals(axis)) {
            sum += score.score();
            n++;
          }
        }
      }
      means.add(new AxisMean(axis, n == 0 ? null : Hundredths.mean(sum, n)));
      total += sum;
      count += n;
    }
    return new Aggregate(
        scorecards.size(), List.copyOf(means), count == 0 ? null : Hundredths.mean(total, count));
  }
}
