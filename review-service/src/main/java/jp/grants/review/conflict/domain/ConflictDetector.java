package jp.grants.review.conflict.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds every conflict between a reviewer and a grant: those the reviewer declared that touch the
 * grant, and those the registry shows (the reviewer works at a host institution or at the principal
 * investigator's institution, or is the principal investigator).
 */
public final class ConflictDetector {
  private ConflictDetector() {}

  public static List<Conflict> conflicts(
      String reviewerName,
      String affiliation,
      List<DeclaredConflict> declared,
      GrantParties grant) {
    List<Conflict> found = new ArrayList<>();
    for (DeclaredConflict conflict : declared) {
      declaredReason(conflict, grant)
          .ifPresent(
              reason ->
                  found.add(
                      new Conflict(
                          conflict.kind(), ConflictSource.DECLARED, conflict.value(), reason)));
    }
    for (String host : grant.hostInstitutions()) {
      if (Names.same(affiliation, host)) {
        found.add(
            new Conflict(
                ConflictKind.INSTITUTION,
                ConflictSource.DETECTED,
                host,
                "the reviewer's affiliation "
                    + affiliation
                    + " is a host institution of the grant"));
      }
    }
    if (Names.same(affiliation, grant.piInstitution())
        && grant.hostInstitutions().stream()
            .noneMatch(host -> Names.same(host, grant.piInstitution()))) {
      found.add(
          new Conflict(
              ConflictKind.INSTITUTION,
              ConflictSource.DETECTED,
              grant.piInstitution(),
              "the reviewer's affiliation "
                  + affiliation
                  + " is the principal investigator's institution"));
    }
    if (Names.same(reviewerName, grant.principalInvestigator())) {
      found.add(
          new Conflict(
              ConflictKind.PERSON,
              ConflictSource.DETECTED,
              grant.principalInvestigator(),
              "the reviewer is the principal investigator " + grant.principalInvestigator()));
    }
    return List.copyOf(found);
  }

  private static Optional<String> declaredReason(DeclaredConflict conflict, GrantParties grant) {
    String value = conflict.value();
    return switch (conflict.kind()) {
      case GRANT ->
          grant.grantId().toString().equalsIgnoreCase(value.trim())
              ? Optional.of("the reviewer declared a conflict with grant " + grant.grantId())
              : Optional.empty();
      case PERSON ->
          Names.same(value, grant.principalInvestigator())
              ? Optional.of(
                  "the reviewer declared a conflict with " + value + ", the principal investigator")
              : Optional.empty();
      case INSTITUTION -> institutionReason(value, grant);
    };
  }

  private static Optional<String> institutionReason(String institution, GrantParties grant) {
    if (grant.hostInstitutions().stream().anyMatch(host -> Names.same(institution, host))) {
      return Optional.of(
          "the reviewer declared a conflict with "
              + institution
              + ", a host institution of the grant");
    }
    if (Names.same(institution, grant.piInstitution())) {
      return Optional.of(
          "the reviewer declared a conflict with "
              + institution
              + ", the principal investigator's institution");
    }
    return Optional.empty();
  }
}
