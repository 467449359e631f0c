package jp.grants.grant;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Topics;
import jp.grants.contracts.ledger.FundsDisbursed;
import jp.grants.contracts.ledger.GrantSettled;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the ledger-service would publish, sent on the test broker's topics as it publishes them (an
 * envelope per event, keyed by its subject), for tests that need the ledger's answers.
 */
public final class LedgerEvents {
  private static final EnvelopeCodec CODEC = new EnvelopeCodec();

  private LedgerEvents() {}

  public static EventEnvelope envelope(
      String source, DomainEvent event, String actor, String role) {
    return CODEC.wrap(
        UUID.randomUUID().toString(),
        source,
        Instant.now(),
        null,
        new EventMetadata(UUID.randomUUID().toString(), null, actor, role),
        event);
  }

  /** Publishes a ledger event on ledger-events, as the ledger-service would. */
  public static EventEnvelope publish(DomainEvent event) throws Exception {
    EventEnvelope envelope = envelope("/ledger-service", event, null, null);
    send(Topics.LEDGER_EVENTS, envelope);
    return envelope;
  }

  public static void send(String topic, EventEnvelope envelope) throws Exception {
    Properties p = new Properties();
    p.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (var producer = new KafkaProducer<String, byte[]>(p)) {
      producer.send(new ProducerRecord<>(topic, envelope.subject(), CODEC.write(envelope))).get();
    }
  }

  /** The ledger's payment of a disbursement requested through grant-service. */
  public static FundsDisbursed paid(
      UUID grant,
      UUID disbursement,
      String program,
      int fiscalYear,
      long amountYen,
      ExpenseCategory category) {
    return new FundsDisbursed(
        grant, disbursement, program, fiscalYear, amountYen, category, UUID.randomUUID(), 0L, null);
  }

  /** The ledger's settlement of a grant that keeps what it was paid in one fiscal year. */
  public static GrantSettled settled(
      UUID grant, String program, int fiscalYear, long finalAmountYen) {
    return new GrantSettled(
        grant,
        UUID.randomUUID(),
        program,
        finalAmountYen,
        0L,
        finalAmountYen,
        0L,
        0L,
        List.of(new FiscalYearAmount(fiscalYear, finalAmountYen)),
        UUID.randomUUID());
  }
}
