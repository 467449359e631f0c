package jp.grants.catalog;

/** The length of a grant in fiscal years, before any extension. */
public record DurationRule(int minYears, int maxYears) {}
