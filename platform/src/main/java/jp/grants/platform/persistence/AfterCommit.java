package jp.grants.platform.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work to do once the current JTA transaction has committed, registered at most once per transaction. */
public final class AfterCommit {
  private AfterCommit() {}

  /**
   * Runs {@code action} after the current transaction commits (not after a rollback), once per
   * transaction however often it is asked under the same {@code key}.
   *
   * @return false when no transaction is active (nothing is registered; the caller decides)
   */
  public static boolean once(TransactionSynchronizationRegistry registry, Object key, Runnable action) {
    if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
      return false;
    }
    if (registry.getResource(key) == null) {
      registry.putResource(key, Boolean.TRUE);
      registry.registerInterposedSynchronization(new Synchronization() {
        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
          if (status == Status.STATUS_COMMITTED) {
            action.run();
          }
        }
      });
    }
    return true;
  }
}
