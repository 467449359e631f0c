package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * A program officer moved the grant to another version of the program catalog: from this event on,
 * its rules are those of {@code toVersion}. A grant otherwise keeps the version it was submitted
 * and awarded under, whatever the current catalog says. The migration was checked against the
 * target version's rules (the grant's plan within its caps, its years within its duration).
 *
 * @param fromVersion the catalog version the grant's rules came from until now
 * @param toVersion the catalog version its rules come from from now on
 * @param reason why the officer migrated it
 */
@SchemaVersion(1)
public record GrantCatalogMigrated(
    UUID grantId, String programCode, String fromVersion, String toVersion, String reason)
    implements GrantEvent {}
