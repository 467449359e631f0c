package jp.grants.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.grants.bench.harness.Latencies.Latency;

/** Writes a report as {@code latest.md} (for people) and {@code latest.json} (for tools). */
public final class ReportWriter {
  private static final List<String> SERVICES =
      List.of("grant-service", "review-service", "ledger-service");

  private ReportWriter() {}

  public static void write(Report report, Path directory) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("latest.md"), markdown(report));
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      Files.writeString(directory.resolve("latest.json"), json.writeValueAsString(report) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + directory, e);
    }
  }

  public static String markdown(Report report) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results (").append(report.mode()).append(" run)\n\n");
    machine(report, md);
    table(report, md);
    memory(report, md);
    checksAndNotes(report, md);
    return md.toString();
  }

  private static void machine(Report report, StringBuilder md) {
    var m = report.machine();
    md.append("- Date: ")
        .append(m.date())
        .append(" (run took ")
        .append(Math.round(report.seconds()))
        .append(" s)\n");
    md.append("- Machine: ")
        .append(m.cpus())
        .append(" CPUs (")
        .append(m.cpuModel())
        .append("), memory ")
        .append(m.memory())
        .append('\n');
    md.append("- Load average (1/5/15 min): ")
        .append(m.loadAverageBefore())
        .append(" before, ")
        .append(m.loadAverageAfter())
        .append(" after\n");
    md.append("- ")
        .append(m.java())
        .append(", ")
        .append(m.os())
        .append(", commit ")
        .append(m.commit())
        .append('\n');
    report
        .setup()
        .forEach(
            (key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
    md.append('\n');
  }

  private static void table(Report report, StringBuilder md) {
    md.append(
        "Ratio = system ÷ raw (rates: higher is better; times: lower is better). Latencies in ms.\n\n");
    md.append(
            "| # | measure | unit | raw | system | ratio | goal | met | system p50 / p99 | raw p50 / p99 |")
        .append(" peak RSS MiB grant / review / ledger |\n");
    md.append("|---|---|---|--:|--:|--:|---|---|--:|--:|--:|\n");
    for (ScenarioResult scenario : report.scenarios()) {
      if (scenario.getRows().isEmpty()) {
        md.append("| ")
            .append(scenario.getNumber())
            .append(" | ")
            .append(scenario.getTitle())
            .append(": **no figures** (")
            .append(escape(shorten(String.valueOf(scenario.getError()), 200)))
            .append(") | | | | | | | | | |\n");
        continue;
      }
      boolean first = true;
      for (Row row : scenario.getRows()) {
        md.append("| ")
            .append(first ? scenario.getNumber() : "")
            .append(" | ")
            .append(escape(row.measure()))
            .append(" | ")
            .append(row.unit())
            .append(" | ")
            .append(Row.number(row.raw()))
            .append(" | ")
            .append(Row.number(row.system()))
            .append(" | ")
            .append(ratio(row.ratio()))
            .append(" | ")
            .append(row.goal() == null ? "" : row.goal().text())
            .append(" | ")
            .append(met(row.goalMet()))
            .append(" | ")
            .append(latency(row.systemLatency()))
            .append(" | ")
            .append(latency(row.rawLatency()))
            .append(" | ")
            .append(first ? rss(scenario.getPeakRssMiB()) : "〃")
            .append(" |\n");
        first = false;
      }
    }
    md.append('\n');
  }

  private static void memory(Report report, StringBuilder md) {
    md.append(
        "Peak RSS per scenario is each service's VmHWM (reset before the scenario); scenario times include set-up.\n\n");
    md.append(
        "| # | scenario | s | grant-service | review-service | ledger-service |\n|---|---|--:|--:|--:|--:|\n");
    for (ScenarioResult scenario : report.scenarios()) {
      Map<String, Double> rss = scenario.getPeakRssMiB();
      md.append("| ")
          .append(scenario.getNumber())
          .append(" | ")
          .append(scenario.getTitle())
          .append(" | ")
          .append(Math.round(scenario.getSeconds()));
      for (String service : SERVICES) {
        md.append(" | ").append(Row.number(rss.get(service)));
      }
      md.append(" |\n");
    }
    md.append('\n');
  }

  private static void checksAndNotes(Report report, StringBuilder md) {
    for (ScenarioResult scenario : report.scenarios()) {
      md.append("## ")
          .append(scenario.getNumber())
          .append(". ")
          .append(scenario.getTitle())
          .append("\n\n");
      if (scenario.getError() != null) {
        md.append("**Stopped by an error:** ").append(scenario.getError()).append("\n\n");
      }
      for (String check : scenario.getChecks()) {
        md.append("- check: ").append(check).append('\n');
      }
      for (String note : scenario.getNotes()) {
        md.append("- ").append(note).append('\n');
      }
      md.append('\n');
    }
  }

  private static String ratio(Double ratio) {
    if (ratio == null || ratio.isNaN()) {
      return "–";
    }
    return String.format(Locale.ROOT, ratio < 0.1 ? "%.4f×" : "%.2f×", ratio);
  }

  private static String met(Boolean met) {
    return met == null ? "" : met ? "yes" : "**no**";
  }

  private static String latency(Latency latency) {
    return latency == null ? "" : Row.number(latency.p50Ms()) + " / " + Row.number(latency.p99Ms());
  }

  private static String rss(Map<String, Double> rss) {
    if (rss.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (String service : SERVICES) {
      text.append(text.length() == 0 ? "" : " / ").append(Row.number(rss.get(service)));
    }
    return text.toString();
  }

  private static String shorten(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length) + " …";
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
