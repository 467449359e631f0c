package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Money from another funder beside the program's (e.g. JICA's ODA beside SATREPS). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoFunding(String funder, long annualCapYen, String note) {}
