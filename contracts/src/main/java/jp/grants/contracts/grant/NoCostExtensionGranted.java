package jp.grants.contracts.grant;

import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * The grant's term was extended by {@code additionalYears} to {@code endFiscalYear} at no cost: no
 * money was added, the total and every year's allocation are unchanged (money reaches the new years
 * only by the carry-over rules).
 */
@SchemaVersion(1)
public record NoCostExtensionGranted(
    UUID grantId, int additionalYears, int endFiscalYear, String reason) implements GrantEvent {}
