package jp.grants.catalog;

/**
 * How a grant may be extended after its regular duration.
 *
 * @param annualCapYen the most per extension year; null where only the total cap applies
 */
public record Extension(String phase, int maxYears, Long annualCapYen) {}
