package jp.grants.review.committee.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.grants.catalog.Committee;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.rule.Rule;
import jp.grants.contracts.rule.RuleViolation;
import org.junit.jupiter.api.Test;

class CompositionTest {
  private static final Committee WPI = ProgramCatalog.load().require("WPI").committee();

  @Test
  void wpiRuleIsHalfFromOutsideJapanWithAtLeastFourVotingMembers() {
    assertThat(WPI.minForeignMemberPercent()).isEqualTo(50);
    assertThat(WPI.minVotingMembers()).isEqualTo(4);
  }

  @Test
  void fourOfEightVotingMembersFromOutsideJapanMayDecide() {
    Composition composition = Composition.of("WPI", WPI, committee(4, 4));

    assertThat(composition.compliant()).isTrue();
    assertThat(composition.votingMembers()).isEqualTo(8);
    assertThat(composition.votingMembersFromOutsideJapan()).isEqualTo(4);
    composition.requireCompliant();
  }

  @Test
  void threeOfEightVotingMembersFromOutsideJapanCannotDecideAndSaysWhy() {
    Composition composition = Composition.of("WPI", WPI, committee(3, 5));

    assertThat(composition.compliant()).isFalse();
    assertThatThrownBy(composition::requireCompliant)
        .isInstanceOfSatisfying(
            RuleViolation.class,
            v -> {
              assertThat(v.ruleName()).isEqualTo("COMMITTEE-COMPOSITION");
              assertThat(v.kind()).isEqualTo(Rule.Kind.CONFLICT);
            })
        .hasMessageContaining(
            "3 of 8 voting members are from outside Japan; WPI needs at least 50%");
  }

  @Test
  void nonVotingProgramDirectorAndOfficersDoNotCountTowardsTheShare() {
    List<CommitteeSeat> seats = new ArrayList<>(committee(2, 2));
    seats.add(seat("US", CommitteeRole.PROGRAM_DIRECTOR));
    seats.add(seat("JP", CommitteeRole.PROGRAM_OFFICER));
    seats.add(seat("JP", CommitteeRole.PROGRAM_OFFICER));

    Composition composition = Composition.of("WPI", WPI, seats);

    assertThat(composition.votingMembers()).isEqualTo(4);
    assertThat(composition.votingMembersFromOutsideJapan()).isEqualTo(2);
    assertThat(composition.compliant()).isTrue();
  }

  @Test
  void tooFewVotingMembersCannotDecideEvenWhenAllAreFromAbroad() {
    Composition composition = Composition.of("WPI", WPI, committee(3, 0));

    assertThat(composition.problems()).containsExactly("3 voting member(s); WPI needs at least 4");
  }

  @Test
  void aCommitteeWithoutAChairCannotDecide() {
    List<CommitteeSeat> seats =
        List.of(
            seat("US", CommitteeRole.MEMBER),
            seat("DE", CommitteeRole.MEMBER),
            seat("JP", CommitteeRole.MEMBER),
            seat("JP", CommitteeRole.MEMBER));

    assertThat(Composition.of("WPI", WPI, seats).problems())
        .containsExactly("the committee has no chair to decide");
  }

  @Test
  void anEmptyCommitteeNamesEveryProblem() {
    assertThat(Composition.of("WPI", WPI, List.of()).problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("0 voting member(s)"))
        .anySatisfy(p -> assertThat(p).contains("no chair"));
  }

  /**
   * A chair from abroad, then members: {@code foreign} from abroad in all, {@code japanese} from
   * Japan.
   */
  /**
   * KAKENHI-ILR's review team includes overseas referees (S001, S003): at least one voting member
   * from abroad.
   */
  @Test
  void kakenhiIlrsCommitteeNeedsAVotingMemberFromOutsideJapan() {
    Committee ilr = ProgramCatalog.load().require("KAKENHI-ILR").committee();

    Composition allJapanese = Composition.of("KAKENHI-ILR", ilr, committee(0, 3));
    assertThat(allJapanese.compliant()).isFalse();
    assertThatThrownBy(allJapanese::requireCompliant)
        .isInstanceOfSatisfying(
            RuleViolation.class, v -> assertThat(v.ruleName()).isEqualTo("COMMITTEE-COMPOSITION"))
        .hasMessageContaining("0 of 3 voting members are from outside Japan");
    Composition.of("KAKENHI-ILR", ilr, committee(1, 2)).requireCompliant();
    // One from abroad is enough however large the committee (up to 100 voting members).
    Composition.of("KAKENHI-ILR", ilr, committee(1, 99)).requireCompliant();
    assertThat(Composition.of("KAKENHI-ILR", ilr, committee(1, 100)).compliant()).isFalse();
  }

  private static List<CommitteeSeat> committee(int foreign, int japanese) {
    List<CommitteeSeat> seats = new ArrayList<>();
    for (int i = 0; i < foreign; i++) {
      seats.add(
          seat(i % 2 == 0 ? "US" : "DE", i == 0 ? CommitteeRole.CHAIR : CommitteeRole.MEMBER));
    }
    for (int i = 0; i < japanese; i++) {
      seats.add(seat("JP", foreign == 0 && i == 0 ? CommitteeRole.CHAIR : CommitteeRole.MEMBER));
    }
    return seats;
  }

  private static CommitteeSeat seat(String country, CommitteeRole role) {
    return new CommitteeSeat(UUID.randomUUID(), country, role);
  }
}
