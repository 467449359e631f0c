package jp.grants.review.support;

import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.FiscalYearAmount;
import jp.grants.contracts.Topics;
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
  private final KafkaProducer<String, byte[]> producer;

  public GrantEventsTopic() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(properties);
  }

  /** Wraps the event in a new envelope and sends it; returns the envelope (to send again). */
  public EventEnvelope publish(GrantEvent event) {
    EventEnvelope envelope = Envelopes.wrap("/grant-service", event, "corr-" + UUID.randomUUID(), "officer-1",
        "program-officer");
    send(envelope);
    return envelope;
  }

  /** Sends an envelope as it is: a redelivery when it was sent before. */
  public void send(EventEnvelope envelope) {
    try {
      producer.send(new ProducerRecord<>(Topics.GRANT_EVENTS, envelope.subject(), Envelopes.write(envelope))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ProposalSubmitted proposal(UUID grantId, String programCode, String piName, String piInstitution,
      List<String> hosts, int startFiscalYear, int years) {
    return new ProposalSubmitted(grantId, programCode, "Center for " + programCode + " " + grantId, "summary",
        "applicant-" + grantId, new Investigator(piName, piInstitution, "JP"), hosts, startFiscalYear, years,
        List.of(new FiscalYearAmount(startFiscalYear, 500_000_000L)));
  }

  @Override
  public void close() {
    producer.close();
  }
}
