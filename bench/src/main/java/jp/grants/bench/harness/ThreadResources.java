package jp.grants.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * What a client thread holds for its own use (e.g. its keep-alive sockets), closed when the
 * thread's load run ends ({@link Load} calls {@link #closeAll()} as each client thread finishes).
 */
public final class ThreadResources {
  private static final ThreadLocal<List<AutoCloseable>> HELD =
      ThreadLocal.withInitial(ArrayList::new);

  private ThreadResources() {}

  /** Closes {@code resource} when the calling thread's load run ends. */
  public static void register(AutoCloseable resource) {
    HELD.get().add(resource);
  }

  /** Closes what the calling thread registered; failures to close are ignored. */
  public static void closeAll() {
    List<AutoCloseable> held = HELD.get();
    for (AutoCloseable resource : held) {
      try {
        resource.close();
      } catch (Exception e) {
        // closing a socket the server closed already
      }
    }
    held.clear();
    HELD.remove();
  }
}
