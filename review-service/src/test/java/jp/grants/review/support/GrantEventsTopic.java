package jp.grants.review.support;

import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import jp.grants.catalog.ProgramCatalog;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Topics;
import jp.grants.contracts.grant.CenterFigures;
import jp.grants.contracts.grant.GrantAwarded;
import jp.grants.contracts.grant.GrantEvent;
import jp.grants.contracts.grant.Investigator;
import jp.grants.contracts.grant.ProposalSubmitted;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plays the grant-service: puts grant events on the real grant-events topic in the CloudEvents
 * envelope, keyed by grant id, as the grant-service publishes them.
 */
public final class GrantEventsTopic implements AutoCloseable {
  /** One producer for every test class of a Quarkus application (per class loader). */
  private static final GrantEventsTopic SHARED = new GrantEventsTopic();

  private KafkaProducer<String, byte[]> producer;

  /**
   * The topic for a test class's static field: nothing is opened before the first event is sent
   * (when Quarkus, and with it the broker's address, is up); the producer lives as long as the test
   * JVM.
   */
  public static GrantEventsTopic shared() {
    return SHARED;
  }

  /**
   * A WPI-CORE center awarded as grant-service publishes it: its proposal, then GrantAwarded for
   * FY2025–FY2034 with 500,000,000 yen in its first year. Returns the grant's id.
   */
  public UUID awardedCoreGrant(String pi, String institution) {
    UUID grantId = UUID.randomUUID();
    publish(
        GrantEventsTopic.proposal(
            grantId, "WPI-CORE", pi, institution, List.of(institution), 2025, 10));
    publish(
        new GrantAwarded(
            grantId,
            "WPI-CORE",
            "INITIAL",
            2025,
            2034,
            List.of(new FiscalYearAmount(2025, 500_000_000L)),
            500_000_000L,
            List.of(ExpenseCategory.PERSONNEL, ExpenseCategory.TRAVEL),
            null));
    return grantId;
  }

  public GrantEventsTopic() {}

  private synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer = open();
    }
    return producer;
  }

  private static KafkaProducer<String, byte[]> open() {
    Properties properties = new Properties();
    properties.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(properties);
  }

  /** Wraps the event in a new envelope and sends it; returns the envelope (to send again). */
  public EventEnvelope publish(GrantEvent event) {
    EventEnvelope envelope =
        Envelopes.wrap(
            "/grant-service", event, "corr-" + UUID.randomUUID(), "officer-1", "program-officer");
    send(envelope);
    return envelope;
  }

  /** Sends an envelope as it is: a redelivery when it was sent before. */
  public void send(EventEnvelope envelope) {
    try {
      producer()
          .send(
              new ProducerRecord<>(
                  Topics.GRANT_EVENTS, envelope.subject(), Envelopes.write(envelope)))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ProposalSubmitted proposal(
      UUID grantId,
      String programCode,
      String piName,
      String piInstitution,
      List<String> hosts,
      int startFiscalYear,
      int years) {
    return proposal(
        grantId,
        programCode,
        piName,
        piInstitution,
        hosts,
        startFiscalYear,
        years,
        ProgramCatalog.load()
            .find(programCode)
            .filter(p -> !p.initialPhase().requirementsOrNone().isNone())
            .map(p -> SIZED)
            .orElse(null));
  }

  /**
   * Planned figures that meet the WPI programs' requirements: 10 PIs, 100 staff, 20 of 60
   * researchers from abroad.
   */
  public static final CenterFigures SIZED = new CenterFigures(10, 100, 60, 20);

  /** A proposal with the planned figures given (null: none stated). */
  public static ProposalSubmitted proposal(
      UUID grantId,
      String programCode,
      String piName,
      String piInstitution,
      List<String> hosts,
      int startFiscalYear,
      int years,
      CenterFigures planned) {
    return new ProposalSubmitted(
        grantId,
        programCode,
        "Center for " + programCode + " " + grantId,
        "summary",
        "applicant-" + grantId,
        new Investigator(piName, piInstitution, "JP"),
        hosts,
        startFiscalYear,
        years,
        List.of(new FiscalYearAmount(startFiscalYear, 500_000_000L)),
        planned);
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }
}
