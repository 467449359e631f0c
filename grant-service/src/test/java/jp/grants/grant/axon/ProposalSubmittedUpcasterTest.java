package jp.grants.grant.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.grant.GrantClosed;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.grant.ProposalSubmitted;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * An old stored event is read through the upcaster exactly as the event store reads it (Axon's
 * upcast-and-deserialize of stored entries, with the service's own JSON serializer), and comes out
 * as the current record. Plain JUnit: no database, the stored rows are built in memory.
 */
class ProposalSubmittedUpcasterTest {
  private static final UUID GRANT = UUID.fromString("6f1c2a3b-0d4e-4f50-8a61-72b8c9d0e1f2");
  private final Serializer serializer = AxonRuntime.eventSerializer();
  private final ProposalSubmittedUpcaster upcaster = new ProposalSubmittedUpcaster();

  /** Revision 0 as it was stored before Multiple Host WPI: flat investigator, one host. */
  private static final String REVISION_0 =
      """
      {"grantId": "6f1c2a3b-0d4e-4f50-8a61-72b8c9d0e1f2",
       "programCode": "WPI-STANDARD",
       "title": "Center for Quantum Life Sciences",
       "summary": "A world premier center on the physics of living matter.",
       "applicantId": "applicant-7",
       "principalInvestigatorName": "Hanako Sato",
       "principalInvestigatorInstitution": "Kyoto University",
       "principalInvestigatorCountry": "JP",
       "hostInstitution": "Kyoto University",
       "startFiscalYear": 2026,
       "durationYears": 10,
       "requestedPlan": [{"fiscalYear": 2026, "amountYen": 700000000},
                         {"fiscalYear": 2027, "amountYen": 700000000}]}
      """;

  @Test
  void aRevision0ProposalIsReadAsTheCurrentRecord() {
    List<DomainEventMessage<?>> read =
        readFromStore(stored(0, ProposalSubmitted.class.getName(), "0", REVISION_0));

    assertThat(read).hasSize(1);
    assertThat(read.get(0).getPayload())
        .isEqualTo(
            new ProposalSubmitted(
                GRANT,
                "WPI-STANDARD",
                "Center for Quantum Life Sciences",
                "A world premier center on the physics of living matter.",
                "applicant-7",
                new Investigator("Hanako Sato", "Kyoto University", "JP"),
                List.of("Kyoto University"),
                2026,
                10,
                List.of(
                    new FiscalYearAmount(2026, 700_000_000L),
                    new FiscalYearAmount(2027, 700_000_000L))));
  }

  /** New events are written at revision 1, so the upcaster never touches them. */
  @Test
  void theCurrentRevisionIsWrittenAsItIsAndReadBackUntouched() {
    ProposalSubmitted current =
        new ProposalSubmitted(
            GRANT,
            "WPI-CORE",
            "Center",
            null,
            "applicant-8",
            new Investigator("Taro Yamada", "Tohoku University", "JP"),
            List.of("Tohoku University", "Osaka University"),
            2026,
            10,
            List.of(new FiscalYearAmount(2026, 500_000_000L)));
    SerializedObject<byte[]> written = serializer.serialize(current, byte[].class);
    assertThat(written.getType().getRevision()).isEqualTo("1");
    String json = new String(written.getData(), StandardCharsets.UTF_8);

    List<DomainEventMessage<?>> read =
        readFromStore(stored(0, ProposalSubmitted.class.getName(), "1", json));

    assertThat(read.get(0).getPayload()).isEqualTo(current);
  }

  /**
   * In a stream of mixed revisions and types, only revision 0 proposals are rewritten, in order.
   */
  @Test
  void otherEventsOfTheStreamPassThroughInOrder() {
    String closed =
        new String(
            serializer.serialize(new GrantClosed(GRANT, "done"), byte[].class).getData(),
            StandardCharsets.UTF_8);

    List<DomainEventMessage<?>> read =
        readFromStore(
            stored(0, ProposalSubmitted.class.getName(), "0", REVISION_0),
            stored(1, GrantClosed.class.getName(), "1", closed));

    assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
    assertThat(read.get(0).getPayload()).isInstanceOf(ProposalSubmitted.class);
    assertThat(read.get(1).getPayload()).isEqualTo(new GrantClosed(GRANT, "done"));
  }

  /**
   * Without the upcaster the old shape would lose the investigator and the host: the reason it
   * exists.
   */
  @Test
  void withoutTheUpcasterTheOldShapeWouldLoseData() {
    ProposalSubmitted unconverted =
        (ProposalSubmitted)
            EventStreamUtils.upcastAndDeserializeDomainEvents(
                    Stream.of(stored(0, ProposalSubmitted.class.getName(), "0", REVISION_0)),
                    serializer,
                    events -> events)
                .next()
                .getPayload();
    assertThat(unconverted.principalInvestigator()).isNull();
    assertThat(unconverted.hostInstitutions()).isNull();
  }

  @Test
  void theUpcastLeavesItsInputAsItWas() throws Exception {
    var json = jp.grants.contracts.EventJson.newMapper().readTree(REVISION_0);
    var before = json.deepCopy();
    ProposalSubmittedUpcaster.toRevision1(json);
    assertThat(json).isEqualTo(before);
  }

  private List<DomainEventMessage<?>> readFromStore(DomainEventData<?>... rows) {
    return EventStreamUtils.asStream(
            EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(rows), serializer, upcaster))
        .<DomainEventMessage<?>>map(message -> message)
        .toList();
  }

  /**
   * A row of domain_event_entry as JdbcEventStorageEngine reads it (byte[] payload, JSON metadata).
   */
  private static DomainEventData<byte[]> stored(
      long sequence, String payloadType, String revision, String payload) {
    return new GenericDomainEventEntry<>(
        "Grant",
        GRANT.toString(),
        sequence,
        UUID.randomUUID().toString(),
        Instant.parse("2026-04-01T00:00:00Z"),
        payloadType,
        revision,
        payload.getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8));
  }
}
