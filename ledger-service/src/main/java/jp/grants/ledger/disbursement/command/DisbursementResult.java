package jp.grants.ledger.disbursement.command;

import jp.grants.ledger.disbursement.persistence.Disbursement;

/**
 * The ledger's answer to a disbursement.
 *
 * @param firstTime false when the disbursement id had been answered before (nothing was done)
 */
public record DisbursementResult(Disbursement disbursement, boolean firstTime) {}
