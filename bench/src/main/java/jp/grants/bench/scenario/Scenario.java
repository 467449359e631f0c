package jp.grants.bench.scenario;

import jp.grants.bench.Bench;
import jp.grants.bench.report.ScenarioResult;

/** One of the seven scenarios: measures the system beside its raw baseline, in this run. */
public interface Scenario {
  int number();

  String title();

  /** Adds rows, checks and notes to the result; throws when it cannot produce figures. */
  void run(Bench bench, ScenarioResult result) throws Exception;
}
