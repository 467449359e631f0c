package jp.grants.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured: its rows, the checks it made (e.g. cap violations), the peak RSS of
 * each service while it ran, and the error that stopped it, if one did.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class ScenarioResult {
  private final int number;
  private final String title;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> checks = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Double> peakRssMiB = new LinkedHashMap<>();
  private double seconds;
  private String error;

  public ScenarioResult(int number, String title) {
    this.number = number;
    this.title = title;
  }

  public synchronized void add(Row row) {
    rows.add(row);
  }

  /** A verified fact, e.g. "cap violations after the uniform run: 0". */
  public synchronized void check(String check) {
    checks.add(check);
  }

  /** Context a reader needs: sizes, how the work was made, anything unusual. */
  public synchronized void note(String note) {
    notes.add(note);
  }

  public synchronized void peakRss(String service, double mib) {
    peakRssMiB.put(service, mib);
  }

  public synchronized void finished(double seconds, String error) {
    this.seconds = seconds;
    this.error = error;
  }

  public int getNumber() {
    return number;
  }

  public String getTitle() {
    return title;
  }

  public synchronized List<Row> getRows() {
    return List.copyOf(rows);
  }

  public synchronized List<String> getChecks() {
    return List.copyOf(checks);
  }

  public synchronized List<String> getNotes() {
    return List.copyOf(notes);
  }

  public synchronized Map<String, Double> getPeakRssMiB() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peakRssMiB));
  }

  public synchronized double getSeconds() {
    return seconds;
  }

  public synchronized String getError() {
    return error;
  }
}
