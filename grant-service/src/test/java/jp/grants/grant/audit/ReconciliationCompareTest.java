package jp.grants.grant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import jp.grants.grant.audit.Reconciliation.Difference;
import jp.grants.grant.audit.Reconciliation.Figures;
import org.junit.jupiter.api.Test;

class ReconciliationCompareTest {
  private final UUID paid = UUID.randomUUID();

  @Test
  void shouldFindNothingWhenHistoryAndLedgerAgree() {
    var figures = new Figures(700, 200, List.of(paid));
    assertThat(Reconciliation.compare(figures, new Figures(700, 200, List.of(paid)))).isEmpty();
  }

  @Test
  void shouldReportALedgerPaymentWithoutAnEvent() {
    UUID injected = UUID.randomUUID();
    List<Difference> differences =
        Reconciliation.compare(
            new Figures(700, 200, List.of(paid)), new Figures(700, 250, List.of(paid, injected)));
    assertThat(differences)
        .extracting(Difference::kind)
        .containsExactly("DISBURSED", "DISBURSEMENT_ONLY_IN_LEDGER");
    assertThat(differences.get(1).detail()).contains(injected.toString());
  }

  @Test
  void shouldReportAGrantOnlyOneSideKnows() {
    assertThat(Reconciliation.compare(null, new Figures(5, 0, List.of())))
        .extracting(Difference::kind)
        .containsExactly("GRANT_ONLY_IN_LEDGER", "ALLOCATION");
    assertThat(Reconciliation.compare(new Figures(5, 0, List.of()), null))
        .extracting(Difference::kind)
        .containsExactly("GRANT_ONLY_IN_EVENTS", "ALLOCATION");
  }
}
