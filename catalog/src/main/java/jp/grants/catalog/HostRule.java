package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How many host institutions a proposal names (Multiple Host WPI: two or more). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostRule(int min, int max) {}
