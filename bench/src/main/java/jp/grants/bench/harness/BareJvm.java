package jp.grants.bench.harness;

/**
 * The raw baseline of start-up and memory: a JVM with the services' options that does nothing but
 * say it is ready, then waits to be stopped.
 */
public final class BareJvm {
  private BareJvm() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
