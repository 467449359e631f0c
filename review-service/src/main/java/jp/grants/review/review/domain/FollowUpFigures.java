package jp.grants.review.review.domain;

/** The center metrics of one annual follow-up report. */
public record FollowUpFigures(
    int fiscalYear, int principalInvestigators, int totalStaff, int researchers, int researchersFromAbroad) {}
