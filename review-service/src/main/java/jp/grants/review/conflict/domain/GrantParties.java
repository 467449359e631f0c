package jp.grants.review.conflict.domain;

import java.util.List;
import java.util.UUID;

/** Who stands behind a grant, as far as conflicts of interest go. */
public record GrantParties(
    UUID grantId,
    String principalInvestigator,
    String piInstitution,
    List<String> hostInstitutions) {}
