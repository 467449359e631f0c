package jp.grants.platform.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work to do once the current JTA transaction has ended — committed, or not — registered at most
 * once per transaction and key.
 */
public final class AfterCommit {
  private AfterCommit() {}

  /**
   * Runs {@code action} after the current transaction commits (not after a rollback), once per
   * transaction however often it is asked under the same {@code key}.
   *
   * @return false when no transaction is active (nothing is registered; the caller decides)
   */
  public static boolean once(
      TransactionSynchronizationRegistry registry, Object key, Runnable action) {
    return register(registry, key, true, action);
  }

  /**
   * Runs {@code action} if the current transaction does not commit (rolled back, or failed at
   * commit), once per transaction and {@code key}.
   *
   * @return false when no transaction is active (nothing is registered)
   */
  public static boolean unlessCommitted(
      TransactionSynchronizationRegistry registry, Object key, Runnable action) {
    return register(registry, key, false, action);
  }

  private static boolean register(
      TransactionSynchronizationRegistry registry, Object key, boolean onCommit, Runnable action) {
    if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
      return false;
    }
    if (registry.getResource(key) == null) {
      registry.putResource(key, Boolean.TRUE);
      registry.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              if ((status == Status.STATUS_COMMITTED) == onCommit) {
                action.run();
              }
            }
          });
    }
    return true;
  }
}
