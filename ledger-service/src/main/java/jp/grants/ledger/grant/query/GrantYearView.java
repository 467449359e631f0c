package jp.grants.ledger.grant.query;

import java.util.UUID;

/**
 * A grant's money for one fiscal year.
 *
 * @param headroomYen what is left of the year's allocation
 * @param grantTotalHeadroomYen what is left of the grant's total award
 * @param programYearHeadroomYen what is left of the pool's budget for the year (0 without one)
 * @param availableYen the most a disbursement could take now: the least of the three headrooms
 * @param disbursedYen what the year holds: paid - refunded - paid carried out + paid carried in
 * @param indirectYen indirect costs paid with the year's payments (gross; {@code
 *     indirectRefundedYen} came back)
 */
public record GrantYearView(
    UUID grantId,
    int fiscalYear,
    long allocationYen,
    long disbursedYen,
    long headroomYen,
    long grantTotalHeadroomYen,
    long programYearHeadroomYen,
    long availableYen,
    long carriedInYen,
    long carriedOutYen,
    long paidCarriedInYen,
    long paidCarriedOutYen,
    long indirectYen,
    long refundedYen,
    long indirectRefundedYen,
    long additionalChargeYen) {}
