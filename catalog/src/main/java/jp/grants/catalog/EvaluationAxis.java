package jp.grants.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One axis on which reviewers score, 1 to 5, under a mission. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationAxis(String code, String mission, String name, String nameJa) {}
