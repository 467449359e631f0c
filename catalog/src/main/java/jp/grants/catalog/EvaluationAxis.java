package jp.grants.catalog;

/** One axis on which reviewers score, 1 to 5, under a mission. */
public record EvaluationAxis(String code, String mission, String name, String nameJa) {}
