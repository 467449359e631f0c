package jp.grants.review.conflict.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConflictDetectorTest {
  private static final UUID GRANT = UUID.randomUUID();
  private static final GrantParties PARTIES =
      new GrantParties(
          GRANT,
          "Aiko Sato",
          "Tohoku University",
          List.of("Tohoku University", "Nagoya University"));

  @Test
  void aReviewerFromAHostInstitutionIsDetectedWhateverTheSpellingOfCaseAndSpaces() {
    List<Conflict> conflicts =
        ConflictDetector.conflicts("Ken Mori", "  NAGOYA   university ", List.of(), PARTIES);

    assertThat(conflicts)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ConflictKind.INSTITUTION);
              assertThat(c.source()).isEqualTo(ConflictSource.DETECTED);
              assertThat(c.value()).isEqualTo("Nagoya University");
              assertThat(c.reason()).contains("host institution");
            });
  }

  @Test
  void fullWidthLettersAreTheSameInstitution() {
    List<Conflict> conflicts =
        ConflictDetector.conflicts("Ken Mori", "Ｔｏｈｏｋｕ University", List.of(), PARTIES);

    assertThat(conflicts).extracting(Conflict::kind).containsExactly(ConflictKind.INSTITUTION);
  }

  @Test
  void aReviewerFromThePrincipalInvestigatorsInstitutionIsDetected() {
    GrantParties elsewhere =
        new GrantParties(GRANT, "Aiko Sato", "RIKEN", List.of("Tohoku University"));

    List<Conflict> conflicts =
        ConflictDetector.conflicts("Ken Mori", "Riken", List.of(), elsewhere);

    assertThat(conflicts)
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("principal investigator's institution"));
  }

  @Test
  void theHostThatIsAlsoThePisInstitutionIsReportedOnce() {
    List<Conflict> conflicts =
        ConflictDetector.conflicts("Ken Mori", "Tohoku University", List.of(), PARTIES);

    assertThat(conflicts).hasSize(1);
  }

  @Test
  void theReviewerWhoIsThePrincipalInvestigatorIsAPersonConflict() {
    List<Conflict> conflicts =
        ConflictDetector.conflicts("aiko  SATO", "Kyoto University", List.of(), PARTIES);

    assertThat(conflicts)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ConflictKind.PERSON);
              assertThat(c.source()).isEqualTo(ConflictSource.DETECTED);
            });
  }

  @Test
  void declaredConflictsCountOnlyWhenTheyTouchTheGrant() {
    List<DeclaredConflict> declared =
        List.of(
            new DeclaredConflict(ConflictKind.PERSON, "Aiko Sato"),
            new DeclaredConflict(ConflictKind.INSTITUTION, "nagoya university"),
            new DeclaredConflict(ConflictKind.GRANT, GRANT.toString().toUpperCase()),
            new DeclaredConflict(ConflictKind.INSTITUTION, "Osaka University"),
            new DeclaredConflict(ConflictKind.GRANT, UUID.randomUUID().toString()));

    List<Conflict> conflicts =
        ConflictDetector.conflicts("Ken Mori", "Kyoto University", declared, PARTIES);

    assertThat(conflicts)
        .allSatisfy(c -> assertThat(c.source()).isEqualTo(ConflictSource.DECLARED))
        .extracting(Conflict::kind)
        .containsExactly(ConflictKind.PERSON, ConflictKind.INSTITUTION, ConflictKind.GRANT);
  }

  @Test
  void anUnrelatedReviewerHasNoConflict() {
    assertThat(ConflictDetector.conflicts("Ken Mori", "Kyoto University", List.of(), PARTIES))
        .isEmpty();
  }

  @Test
  void aMissingPrincipalInvestigatorNeverMatchesAnEmptyName() {
    GrantParties unnamed = new GrantParties(GRANT, null, null, List.of());

    assertThat(ConflictDetector.conflicts("", "", List.of(), unnamed)).isEmpty();
  }
}
