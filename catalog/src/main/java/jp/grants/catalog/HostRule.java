package jp.grants.catalog;

/** How many host institutions a proposal names (Multiple Host WPI: two or more). */
public record HostRule(int min, int max) {}
