package jp.grants.catalog;

/** Money from another funder beside the program's (e.g. JICA's ODA beside SATREPS). */
public record CoFunding(String funder, long annualCapYen, String note) {}
