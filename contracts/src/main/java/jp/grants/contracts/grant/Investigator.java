package jp.grants.contracts.grant;

/** A principal investigator (or center director) and the institution they belong to. */
public record Investigator(String name, String institution, String country) {}
