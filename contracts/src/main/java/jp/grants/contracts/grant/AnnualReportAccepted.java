package jp.grants.contracts.grant;

import java.util.List;
import java.util.UUID;
import jp.grants.contracts.CategoryAmount;
import jp.grants.contracts.SchemaVersion;

/** The ledger accepted the grant's annual financial report for a fiscal year (実績報告). */
@SchemaVersion(1)
public record AnnualReportAccepted(
    UUID grantId,
    UUID reportId,
    int fiscalYear,
    List<CategoryAmount> spending,
    long reportedYen,
    long paidYen,
    long unspentYen,
    long transferredYen)
    implements GrantEvent {}
