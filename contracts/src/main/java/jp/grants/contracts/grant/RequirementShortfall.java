package jp.grants.contracts.grant;

/**
 * One requirement of a program's phase that a center's figures do not meet.
 *
 * @param rule the requirement's rule code: {@code REQUIREMENT-PRINCIPAL-INVESTIGATORS}, {@code
 *     REQUIREMENT-TOTAL-STAFF} or {@code REQUIREMENT-FOREIGN-RESEARCHERS}
 * @param required the figure the requirement asks for at least: PIs, staff, or researchers from
 *     abroad (the fewest that make the phase's share of the researchers, rounded up)
 * @param given the figure stated
 * @param detail the requirement and the figures, in words
 */
public record RequirementShortfall(String rule, int required, int given, String detail) {}
