package jp.grants.grant.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jp.grants.platform.persistence.AfterCommit;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transactions on Quarkus' JTA transaction manager (Narayana). A unit of work that starts
 * while a JTA transaction is active joins it, so that a REST command, its idempotency record and
 * its events commit together, as do a consumed event's inbox row and the events it causes. Once
 * such a joined transaction has committed, {@code afterJoinedCommit} runs (it wakes the event
 * store's readers: the unit of work's own wake-up came before the events were visible).
 */
public final class JtaTransactionManager implements TransactionManager {
  private static final Object WAKE_KEY = new Object();

  private final jakarta.transaction.TransactionManager jta;
  private final TransactionSynchronizationRegistry registry;
  private volatile Runnable afterJoinedCommit = () -> {};

  public JtaTransactionManager(
      jakarta.transaction.TransactionManager jta, TransactionSynchronizationRegistry registry) {
    this.jta = jta;
    this.registry = registry;
  }

  /** What to do once a transaction that a unit of work joined has committed. */
  public void afterJoinedCommit(Runnable action) {
    this.afterJoinedCommit = action;
  }

  @Override
  public Transaction startTransaction() {
    try {
      if (jta.getStatus() == Status.STATUS_NO_TRANSACTION) {
        jta.begin();
        return new Owned();
      }
      onCommit();
      return new Joined();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start a JTA transaction", e);
    }
  }

  /** Once per joined transaction. */
  private void onCommit() {
    AfterCommit.once(registry, WAKE_KEY, () -> afterJoinedCommit.run());
  }

  /** A transaction this unit of work began: it commits or rolls it back. */
  private final class Owned implements Transaction {
    @Override
    public void commit() {
      try {
        if (jta.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
          jta.rollback();
          throw new IllegalStateException("the transaction was marked for rollback");
        }
        jta.commit();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("commit failed", e);
      }
    }

    @Override
    public void rollback() {
      try {
        if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
          jta.rollback();
        }
      } catch (SystemException e) {
        throw new IllegalStateException("rollback failed", e);
      }
    }
  }

  /** A transaction somebody else began: only they commit it; a rollback here dooms it. */
  private final class Joined implements Transaction {
    @Override
    public void commit() {}

    @Override
    public void rollback() {
      try {
        if (jta.getStatus() == Status.STATUS_ACTIVE) {
          jta.setRollbackOnly();
        }
      } catch (SystemException e) {
        throw new IllegalStateException("cannot mark the transaction for rollback", e);
      }
    }
  }
}
