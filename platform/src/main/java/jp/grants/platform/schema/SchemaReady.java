package jp.grants.platform.schema;

/**
 * Fired once, when the database schema is migrated and the service may start its event processors,
 * consumers and relays. Observe it instead of {@code StartupEvent} for anything that needs the
 * database.
 */
public record SchemaReady() {}
