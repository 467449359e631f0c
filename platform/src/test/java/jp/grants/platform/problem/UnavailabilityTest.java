package jp.grants.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class UnavailabilityTest {

  @Test
  void shouldNameTheDatabaseWhenTheDriverCannotConnectWhereverTheFailureIsWrapped() {
    var refused =
        new PSQLException(
            "Connection to 127.0.0.1:5432 refused",
            PSQLState.CONNECTION_UNABLE_TO_CONNECT,
            new ConnectException("Connection refused"));
    var wrapped =
        new IllegalStateException("command failed", new RuntimeException("event store", refused));

    assertThat(Unavailability.of(wrapped)).contains(Unavailability.DATABASE);
  }

  @Test
  void shouldNameTheDatabaseForABrokenOrShutDownConnection() {
    assertThat(
            Unavailability.of(
                new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE)))
        .contains(Unavailability.DATABASE);
    assertThat(
            Unavailability.of(
                new SQLException("terminating connection due to administrator command", "57P01")))
        .contains(Unavailability.DATABASE);
    assertThat(Unavailability.of(new SQLTransientConnectionException("gone")))
        .contains(Unavailability.DATABASE);
    assertThat(Unavailability.of(new RuntimeException("Unable to acquire JDBC Connection [gone]")))
        .contains(Unavailability.DATABASE);
  }

  @Test
  void shouldSayTheServiceIsAtCapacityWhenThePoolHadNoConnectionInTime() {
    var timeout = new SQLException("Sorry, acquisition timeout!");
    assertThat(Unavailability.of(new RuntimeException(timeout))).contains(Unavailability.POOL);
    assertThat(Unavailability.POOL.retryAfterSeconds()).isPositive();
  }

  @Test
  void shouldFindTheOutageInTheNextExceptionOfABatch() {
    var batch = new SQLException("Batch entry 0 was aborted", "22000");
    batch.setNextException(new PSQLException("connection lost", PSQLState.CONNECTION_FAILURE));
    assertThat(Unavailability.of(batch)).contains(Unavailability.DATABASE);
  }

  /**
   * Narayana's failed commit under load (DatabaseOutageTest, four clients): the driver's exception
   * is the cause of an {@code XAException} suppressed by the {@code RollbackException}.
   */
  @Test
  void shouldFindTheOutageInTheExceptionsAFailedCommitSuppressed() {
    var xa =
        new javax.transaction.xa.XAException("Error trying to transactionCommit local transaction");
    xa.initCause(
        new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
    var rollback =
        new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
    rollback.addSuppressed(xa);
    var wrapped = new RuntimeException("Error invoking subclass method", rollback);
    assertThat(Unavailability.of(wrapped)).contains(Unavailability.DATABASE);
  }

  @Test
  void shouldLeaveOtherFailuresToBeTheServicesOwn() {
    assertThat(Unavailability.of(new SQLException("duplicate key value", "23505"))).isEmpty();
    assertThat(Unavailability.of(new SQLException("syntax error", "42601"))).isEmpty();
    assertThat(Unavailability.of(new IllegalStateException("a bug"))).isEmpty();
    assertThat(Unavailability.of(new NullPointerException())).isEmpty();
  }

  @Test
  void shouldStopAtACycleInTheCauses() {
    var first = new RuntimeException("first");
    var second = new RuntimeException("second", first);
    first.initCause(second);
    assertThat(Unavailability.of(first)).isEmpty();
  }
}
