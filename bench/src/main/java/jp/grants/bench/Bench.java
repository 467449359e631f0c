package jp.grants.bench;

import java.util.function.Consumer;
import jp.grants.bench.system.BenchSystem;
import jp.grants.bench.system.Fixture;
import jp.grants.bench.system.GrantApi;
import jp.grants.bench.system.LedgerApi;
import jp.grants.bench.system.Quiescence;

/** What every scenario works with: the running system, its APIs, the shared grants, the sizes. */
public final class Bench {
  private final BenchSystem system;
  private final Sizes sizes;
  private final GrantApi grants;
  private final LedgerApi ledger;
  private final Fixture fixture;
  private final Quiescence quiescence;
  private final Consumer<String> log;
  private volatile double commandRate = Double.NaN;

  public Bench(BenchSystem system, Sizes sizes, Consumer<String> log) {
    this.system = system;
    this.sizes = sizes;
    this.log = log;
    this.grants = new GrantApi(system);
    this.ledger = new LedgerApi(system);
    this.fixture = new Fixture(grants, log);
    this.quiescence = new Quiescence(system, grants, log);
  }

  public BenchSystem system() {
    return system;
  }

  public Sizes sizes() {
    return sizes;
  }

  public GrantApi grants() {
    return grants;
  }

  public LedgerApi ledger() {
    return ledger;
  }

  public Fixture fixture() {
    return fixture;
  }

  public void log(String line) {
    log.accept(line);
  }

  /** Waits until earlier work has drained; null when quiet, else what was still busy. */
  public String awaitQuiet() throws InterruptedException {
    return quiescence.await(sizes.quietTimeout());
  }

  public Quiescence quiescence() {
    return quiescence;
  }

  /**
   * The command rate scenario 1 measured, NaN if it did not run: scenario 3 paces its load by it.
   */
  public double commandRate() {
    return commandRate;
  }

  public void commandRate(double rate) {
    commandRate = rate;
  }
}
