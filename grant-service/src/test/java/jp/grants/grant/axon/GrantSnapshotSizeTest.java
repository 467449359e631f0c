package jp.grants.grant.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.grants.catalog.Program;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.CategoryAmount;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.RefundKind;
import jp.grants.contracts.grant.AnnualReportAccepted;
import jp.grants.contracts.grant.DisbursementRejected;
import jp.grants.contracts.grant.DisbursementRequested;
import jp.grants.contracts.grant.FundsCarriedOver;
import jp.grants.contracts.grant.FundsDisbursed;
import jp.grants.contracts.grant.FundsRefunded;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantSettled;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.grant.ProposalScreened;
import jp.grants.contracts.grant.ProposalSubmitted;
import jp.grants.grant.command.Grant;
import jp.grants.grant.command.GrantView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The grant's snapshot, serialized exactly as the service stores it (the snapshot serializer of
 * {@link AxonRuntime}), has the same size whatever the number of payments the grant has seen: the
 * aggregate keeps open disbursements and per-year sums, not every disbursement.
 */
class GrantSnapshotSizeTest {
  private static final UUID GRANT = UUID.fromString("00000000-0000-0000-0000-00000000517e");
  private static final int START = 2026;
  private static final AggregateModel<Grant> MODEL =
      AnnotatedAggregateMetaModelFactory.inspectAggregate(Grant.class);
  private static final Serializer SNAPSHOTS = AxonRuntime.snapshotSerializer();

  @Test
  void shouldKeepTheSnapshotTheSameSizeFromTheTenthPaymentToTheTenThousandth() {
    int ten = snapshot(payments(10)).length;
    int twoThousand = snapshot(payments(2_000)).length;
    int tenThousand = snapshot(payments(10_000)).length;

    // Past the bounded window of recently settled ids, only the digits of the sums and counts grow.
    int window = snapshot(payments(Grant.RECENTLY_SETTLED_KEPT)).length;
    assertThat(twoThousand)
        .as("2,000 payments against %d", Grant.RECENTLY_SETTLED_KEPT)
        .isBetween(window, window + 16);
    assertThat(tenThousand)
        .as("10,000 payments against 2,000")
        .isBetween(twoThousand, twoThousand + 16);
    // Up to the window, each payment adds at most one id to it (a UUID in JSON: 39 bytes).
    assertThat(twoThousand - ten).isLessThanOrEqualTo((Grant.RECENTLY_SETTLED_KEPT - 10) * 39 + 16);
    // The first shape of this aggregate needed about 61 bytes per payment: 616 kB at 10,000.
    assertThat(tenThousand).isLessThan(8_000);
  }

  @Test
  void shouldKeepTheSnapshotTheSameSizeWhenRequestsAreAnsweredPaidOrRefused() {
    int hundred = snapshot(requestedAndAnswered(100)).length;
    int fiveThousand = snapshot(requestedAndAnswered(5_000)).length;
    assertThat(fiveThousand).isBetween(hundred, hundred + 16);
  }

  @Test
  void shouldRestoreFromItsSnapshotTheStateItWasTakenFrom() {
    List<Object> history = requestedAndAnswered(300);
    UUID open = UUID.randomUUID();
    history.add(
        new DisbursementRequested(
            GRANT, open, "WPI", START + 1, 123_456L, ExpenseCategory.TRAVEL, "open"));
    Grant grant = replay(history);
    GrantView before = grant.view(history.size() - 1L);

    SerializedObject<byte[]> snapshot = SNAPSHOTS.serialize(grant, byte[].class);
    assertThat(snapshot.getType().getRevision()).isEqualTo(Grant.SNAPSHOT_REVISION);
    Grant restored = SNAPSHOTS.deserialize(snapshot);

    assertThat(restored.view(history.size() - 1L)).isEqualTo(before);
    assertThat(before.openDisbursements()).containsOnlyKeys(open);
    assertThat(before.disbursementsByFiscalYear().get(START))
        .isEqualTo(new GrantView.FiscalYearDisbursements(150 * 1_000_000L, 150, 150));
    assertThat(before.disbursedYen()).isEqualTo(150 * 1_000_000L);
  }

  @Test
  void shouldKeepTheSnapshotTheSameSizeWhateverTheNumberOfCarryOversAndRefunds() {
    int hundred = snapshot(carriedAndRefunded(100)).length;
    int fiveThousand = snapshot(carriedAndRefunded(5_000)).length;
    // ten years of sums whose digits grow, nothing per operation
    assertThat(fiveThousand).isBetween(hundred, hundred + 160);
    assertThat(fiveThousand).isLessThan(12_000);
  }

  @Test
  void shouldRestoreTheYearsMoneyAndTheSettlementFromTheSnapshot() {
    List<Object> history = carriedAndRefunded(200);
    history.add(
        new AnnualReportAccepted(
            GRANT,
            UUID.randomUUID(),
            START,
            List.of(new CategoryAmount(ExpenseCategory.PERSONNEL, 1_000L)),
            1_000L,
            2_000L,
            1_000L,
            0));
    history.add(
        new GrantSettled(
            GRANT,
            UUID.randomUUID(),
            9_000L,
            2_700L,
            100L,
            5L,
            List.of(new FiscalYearAmount(START, 9_000L))));
    Grant grant = replay(history);
    GrantView before = grant.view(history.size() - 1L);
    Grant restored = SNAPSHOTS.deserialize(SNAPSHOTS.serialize(grant, byte[].class));
    assertThat(restored.view(history.size() - 1L)).isEqualTo(before);
    assertThat(before.settled()).isTrue();
    assertThat(before.moneyByFiscalYear().get(START).reportedYen()).isEqualTo(1_000L);
    // one yen from FY2026 by every ninth of the 200 carry-overs (i = 0, 9, ..., 198)
    assertThat(before.moneyByFiscalYear().get(START + 1).carriedInYen()).isEqualTo(23L);
  }

  /**
   * Payments every year, then {@code n} carry-overs and {@code n} refunds of one yen spread over
   * the years.
   */
  private static List<Object> carriedAndRefunded(int n) {
    List<Object> history = payments(20);
    for (int i = 0; i < n; i++) {
      int year = START + i % 9;
      history.add(
          new FundsCarriedOver(
              GRANT, UUID.randomUUID(), year, year + 1, 1L, i % 2, true, "reason"));
      history.add(
          new FundsRefunded(
              GRANT, UUID.randomUUID(), START, 1L, 0L, i % 3, RefundKind.ORDERED, "ordered"));
    }
    return history;
  }

  /** The grant awarded, then {@code n} payments the ledger made on its own REST API. */
  private static List<Object> payments(int n) {
    List<Object> history = awarded();
    for (int i = 0; i < n; i++) {
      history.add(
          new FundsDisbursed(
              GRANT, UUID.randomUUID(), START, 1_000_000L, ExpenseCategory.PERSONNEL));
    }
    return history;
  }

  /**
   * The grant awarded, then {@code n} requests through grant-service, every other one paid, the
   * rest refused.
   */
  private static List<Object> requestedAndAnswered(int n) {
    List<Object> history = awarded();
    for (int i = 0; i < n; i++) {
      UUID id = UUID.randomUUID();
      history.add(
          new DisbursementRequested(
              GRANT, id, "WPI", START, 1_000_000L, ExpenseCategory.PERSONNEL, "salaries"));
      history.add(
          i % 2 == 0
              ? new FundsDisbursed(GRANT, id, START, 1_000_000L, ExpenseCategory.PERSONNEL)
              : new DisbursementRejected(
                  GRANT,
                  id,
                  START,
                  1_000_000L,
                  "LEDGER-CAP-PROGRAM-FISCAL-YEAR",
                  null,
                  0,
                  "spent"));
    }
    return history;
  }

  private static List<Object> awarded() {
    Program wpi = ProgramCatalog.load().require("WPI");
    List<FiscalYearAmount> plan = new ArrayList<>();
    for (int year = START; year < START + 10; year++) {
      plan.add(new FiscalYearAmount(year, 700_000_000L));
    }
    List<Object> history = new ArrayList<>();
    history.add(
        new ProposalSubmitted(
            GRANT,
            "WPI",
            "A center",
            "summary",
            "applicant-1",
            new Investigator("Hanako Yamada", "Kyoto University", "JP"),
            List.of("Kyoto University"),
            START,
            10,
            plan));
    history.add(new ProposalScreened(GRANT, "WPI", "ok"));
    history.add(
        new GrantAwarded(
            GRANT,
            "WPI",
            wpi.initialPhase().code(),
            START,
            START + 9,
            plan,
            FiscalYearAmount.total(plan),
            wpi.eligibleExpenses(),
            null));
    return history;
  }

  private static byte[] snapshot(List<Object> history) {
    return SNAPSHOTS.serialize(replay(history), byte[].class).getData();
  }

  /** The aggregate rebuilt from the events, as the repository does before it takes a snapshot. */
  private static Grant replay(List<Object> history) {
    List<DomainEventMessage<?>> events = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      events.add(new GenericDomainEventMessage<>("Grant", GRANT.toString(), i, history.get(i)));
    }
    Grant root =
        new GenericAggregateFactory<>(MODEL).createAggregateRoot(GRANT.toString(), events.get(0));
    EventSourcedAggregate<Grant> aggregate =
        EventSourcedAggregate.initialize(root, MODEL, null, NoSnapshotTriggerDefinition.TRIGGER);
    aggregate.initializeState(DomainEventStream.of(events));
    return root;
  }
}
