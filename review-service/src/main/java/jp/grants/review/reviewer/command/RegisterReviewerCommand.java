package jp.grants.review.reviewer.command;

import java.util.List;

/** Put a reviewer on the registry, acting through login {@code subject}. */
public record RegisterReviewerCommand(
    String subject, String name, String affiliation, String country, List<String> fields) {}
