package jp.grants.grant.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.grants.contracts.DomainEvent;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.EventTypes;
import jp.grants.contracts.Topics;
import jp.grants.grant.axon.EventMetadataKeys;
import jp.grants.grant.axon.StoredForm;
import jp.grants.grant.axon.StreamingHandler;
import jp.grants.platform.messaging.EnvelopeCodec;
import jp.grants.platform.messaging.EventHeaders;
import jp.grants.platform.messaging.EventMetadata;
import jp.grants.platform.messaging.KafkaClients;
import jp.grants.platform.messaging.Tracing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes every stored grant event to {@code grant-events}, keyed by grant id, in the CloudEvents
 * envelope. It runs in a streaming processor over the event store, which is thus the outbox: the
 * processor's token (committed with the batch) advances only after Kafka acknowledged every record
 * of the batch (acks=all, idempotent producer). A broker outage stalls the batch, which is retried;
 * no event is lost, and a retry's duplicates carry the same event id.
 */
@Singleton
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher implements StreamingHandler {
  public static final String PROCESSING_GROUP = "kafka-publisher";
  private static final String ACKS = KafkaEventPublisher.class.getName() + ".acks";
  private static final byte[] CONTENT_TYPE =
      EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

  @Inject KafkaClients clients;
  @Inject EnvelopeCodec codec;
  @Inject jp.grants.grant.metrics.GrantMetrics metrics;

  private volatile KafkaProducer<String, byte[]> producer;

  @Override
  public Processor processor() {
    return Processor.TRACKING;
  }

  /**
   * Publishes one stored event as it was stored: the envelope is built from the stored columns and
   * the payload's stored JSON becomes its data, so neither payload nor metadata is deserialized
   * (issue 16). The bytes are the same as those of the envelope of the deserialized event.
   */
  @EventHandler(payloadType = DomainEvent.class)
  @SuppressWarnings("unchecked")
  public void on(EventMessage<?> message) {
    Class<? extends DomainEvent> type = (Class<? extends DomainEvent>) message.getPayloadType();
    String grantId;
    Long sequence;
    if (message instanceof DomainEventMessage<?> domain) {
      grantId = domain.getAggregateIdentifier();
      sequence = domain.getSequenceNumber();
    } else {
      grantId = ((DomainEvent) message.getPayload()).grantId().toString();
      sequence = null;
    }
    Map<String, String> metaData = StoredForm.metaData(message, PUBLISHED_METADATA);
    byte[] value =
        codec.writeStored(
            message.getIdentifier(),
            "/grant-service",
            message.getTimestamp(),
            sequence,
            metadata(metaData),
            type,
            grantId,
            StoredForm.payload(message));
    var record = new ProducerRecord<String, byte[]>(Topics.GRANT_EVENTS, grantId, value);
    record.headers().add(new RecordHeader("content-type", CONTENT_TYPE));
    String typeName = EventTypes.nameOf(type);
    EventHeaders.addType(record.headers(), typeName);
    Future<RecordMetadata> ack = send(record, metaData.get(EventMetadataKeys.TRACEPARENT));
    pendingAcks().add(ack);
    CurrentUnitOfWork.get().afterCommit(u -> metrics.eventPublished(typeName));
  }

  /** Sends in a producer span that continues the trace of the command that stored the event. */
  private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, String traceparent) {
    if (traceparent == null) {
      return producer().send(record);
    }
    Span span =
        Tracing.start(
            Topics.GRANT_EVENTS + " publish",
            SpanKind.PRODUCER,
            Tracing.fromTraceparent(traceparent));
    try (Scope scope = span.makeCurrent()) {
      Tracing.inject(Context.current(), record.headers());
      return producer().send(record);
    } finally {
      span.end();
    }
  }

  /** The acks of this batch, awaited once before the batch (and its token) commits. */
  private List<Future<RecordMetadata>> pendingAcks() {
    UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
    return unitOfWork.getOrComputeResource(
        ACKS,
        key -> {
          List<Future<RecordMetadata>> acks = new ArrayList<>();
          unitOfWork.onPrepareCommit(u -> awaitAll(acks));
          return acks;
        });
  }

  private static void awaitAll(List<Future<RecordMetadata>> acks) {
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get(150, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Kafka", e);
      } catch (Exception e) {
        throw new IllegalStateException(
            "Kafka did not acknowledge; the batch will be published again", e);
      }
    }
  }

  /** The metadata keys a published envelope carries (and the trace it continues). */
  private static final Set<String> PUBLISHED_METADATA =
      Set.of(
          EventMetadataKeys.CORRELATION_ID,
          EventMetadataKeys.CAUSATION_ID,
          EventMetadataKeys.ACTOR,
          EventMetadataKeys.ACTOR_ROLE,
          EventMetadataKeys.CATALOG_VERSION,
          EventMetadataKeys.TRACEPARENT);

  static EventMetadata metadata(Map<String, String> metaData) {
    return new EventMetadata(
        metaData.get(EventMetadataKeys.CORRELATION_ID),
        metaData.get(EventMetadataKeys.CAUSATION_ID),
        metaData.get(EventMetadataKeys.ACTOR),
        metaData.get(EventMetadataKeys.ACTOR_ROLE),
        metaData.get(EventMetadataKeys.CATALOG_VERSION));
  }

  private KafkaProducer<String, byte[]> producer() {
    KafkaProducer<String, byte[]> current = producer;
    if (current == null) {
      synchronized (this) {
        if (producer == null) {
          producer = clients.producer("publisher");
        }
        current = producer;
      }
    }
    return current;
  }

  void close(@Observes ShutdownEvent event) {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(5));
    }
  }
}
