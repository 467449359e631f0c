package jp.grants.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** A PostgreSQL server: where it is and how to make databases on it. */
public interface Postgres extends AutoCloseable {
  Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  String host();

  int port();

  String username();

  String password();

  default String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  /** Creates the database unless it exists. Names are checked: they go into DDL. */
  default void createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection connection =
            DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
        Statement statement = connection.createStatement()) {
      var exists =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
      if (!exists.next()) {
        statement.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + " on " + this, e);
    }
  }

  /** Stops a server this project started; does nothing to a server it was only given. */
  @Override
  void close();
}
