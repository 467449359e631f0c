package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The length of a grant in fiscal years, before any extension. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DurationRule(int minYears, int maxYears) {}
