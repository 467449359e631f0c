package jp.grants.grant.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import jp.grants.contracts.EventJson;
import jp.grants.grant.command.CallQuota;
import jp.grants.grant.command.Grant;
import jp.grants.platform.schema.SchemaReady;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jboss.logging.Logger;

/**
 * Axon Framework 4 on Quarkus, without Axon Server: the event store is Axon's JDBC engine on the
 * service's PostgreSQL (tables from Flyway), transactions are Quarkus' JTA transactions, every
 * payload is JSON (Jackson; no XStream). Starts when the schema is migrated.
 */
@ApplicationScoped
public class AxonRuntime {
  private static final Logger LOG = Logger.getLogger(AxonRuntime.class);

  @Inject DataSource dataSource;
  @Inject jakarta.transaction.TransactionManager jta;
  @Inject jakarta.transaction.TransactionSynchronizationRegistry transactionRegistry;
  @Inject AxonSettings settings;
  @Inject jp.grants.grant.call.CallQuotaStore callQuota;

  /** The event handlers the streaming processors run (publication, read model). */
  @Inject @Any Instance<StreamingHandler> handlers;

  @Inject jp.grants.grant.metrics.GrantMetrics metrics;

  private volatile Configuration configuration;
  private volatile GrantCache cache;
  private final java.util.concurrent.atomic.AtomicLong committedAppends =
      new java.util.concurrent.atomic.AtomicLong();

  void start(@Observes @jakarta.annotation.Priority(1000) SchemaReady ready) {
    ConnectionProvider connections = dataSource::getConnection;
    JtaTransactionManager transactions = new JtaTransactionManager(jta, transactionRegistry);
    Serializer events = StoredForm.SERIALIZER;
    GrantCache cache =
        settings.cacheSize() > 0
            ? new GrantCache(
                settings.cacheSize(), GrantModel.inspect(callQuota), transactionRegistry)
            : null;
    this.cache = cache;
    Configurer configurer =
        DefaultConfigurer.defaultConfiguration()
            .configureTransactionManager(c -> transactions)
            .configureSerializer(c -> events)
            .configureEventSerializer(c -> events)
            .configureMessageSerializer(c -> events)
            // Stored events of an older schema revision are read as the current record.
            .registerEventUpcaster(c -> new ProposalSubmittedUpcaster())
            .configureEventStore(
                c ->
                    eventStore(
                        c, storageEngine(c, connections, transactions, events), transactions))
            .configureCorrelationDataProviders(c -> List.of(new CausationCorrelationProvider()))
            // the award handler's CallQuota parameter: the calls' planned awards, in the command's
            // transaction
            .registerComponent(CallQuota.class, c -> callQuota)
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(Grant.class)
                    .configureCache(c -> cache)
                    .configureSnapshotTrigger(
                        c ->
                            new EventCountSnapshotTriggerDefinition(
                                c.snapshotter(), settings.snapshotThreshold())));
    configureProcessors(configurer, connections, events);
    Configuration built = configurer.buildConfiguration();
    if (cache != null) {
      EventStore store = built.eventStore();
      cache.readCommittedVersionsFrom(store::lastSequenceNumberFor);
    }
    countAppendedEvents(built, cache);
    built.start();
    configuration = built;
    LOG.infof(
        "Axon started: event store on PostgreSQL, processors %s",
        settings.processorsEnabled() ? "running" : "off");
  }

  private void configureProcessors(
      Configurer configurer, ConnectionProvider connections, Serializer events) {
    configurer.eventProcessing(
        processing -> {
          processing
              .registerTokenStore(
                  c ->
                      new PostgresTokenStore(
                          JdbcTokenStore.builder()
                              .connectionProvider(connections)
                              .serializer(events)
                              .contentType(byte[].class),
                          tokenSchema(),
                          java.lang.management.ManagementFactory.getRuntimeMXBean().getName()))
              // A handler failure must never skip an event: the batch is retried, the token stays
              // put.
              .registerDefaultListenerInvocationErrorHandler(
                  c -> PropagatingErrorHandler.instance())
              .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance());
          if (settings.processorsEnabled()) {
            for (StreamingHandler handler : handlers) {
              register(processing, handler);
            }
          }
        });
  }

  private void register(
      org.axonframework.config.EventProcessingConfigurer processing, StreamingHandler handler) {
    String group = handler.processingGroup();
    switch (handler.processor()) {
      // A tracking processor's threads wait on the event store's stream, which wakes them as soon
      // as new events are fetched. A pooled processor polls that stream every 500 ms instead (the
      // embedded event store offers it no availability callback): half a second of latency.
      case TRACKING ->
          processing.registerTrackingEventProcessor(
              group,
              Configuration::eventStore,
              c ->
                  TrackingEventProcessorConfiguration.forParallelProcessing(
                          settings.publisherSegments())
                      .andInitialSegmentsCount(settings.publisherSegments())
                      .andBatchSize(settings.batchSize())
                      // how often an idle publisher extends its claim (one UPDATE); its thread is
                      // woken at once when events come, so this delays nothing
                      .andEventAvailabilityTimeout(
                          (int) settings.claimExtensionMillis(),
                          java.util.concurrent.TimeUnit.MILLISECONDS)
                      .andInitialTrackingToken(StreamableMessageSource::createTailToken));
      case POOLED ->
          processing.registerPooledStreamingEventProcessor(
              group,
              Configuration::eventStore,
              (c, builder) ->
                  builder
                      .initialSegmentCount(settings.segments())
                      .batchSize(settings.batchSize())
                      .initialToken(StreamableMessageSource::createTailToken));
    }
    processing.registerEventHandler(c -> handler);
  }

  /**
   * Axon's embedded event store, woken when a transaction with new events commits. Its readers (the
   * streaming processors) are woken when a unit of work commits, but a REST command's events commit
   * with the JTA transaction around it, after that wake-up: the transaction manager wakes them
   * again once the events are visible ({@link WakeableEventStore}). So the fetch delay only bounds
   * how late an idle reader sees events that another instance appended (and costs one statement per
   * delay while idle).
   */
  private EmbeddedEventStore eventStore(
      Configuration c, JdbcEventStorageEngine engine, JtaTransactionManager transactions) {
    WakeableEventStore store =
        new WakeableEventStore(
            EmbeddedEventStore.builder()
                .storageEngine(engine)
                .messageMonitor(c.messageMonitor(EmbeddedEventStore.class, "eventStore"))
                .fetchDelay(settings.fetchDelayMillis()));
    transactions.afterJoinedCommit(store::wake);
    c.onShutdown(
        () -> {
          transactions.afterJoinedCommit(() -> {});
          store.shutDown();
        });
    return store;
  }

  private JdbcEventStorageEngine storageEngine(
      Configuration c,
      ConnectionProvider connections,
      TransactionManager transactions,
      Serializer events) {
    return new PostgresEventStorageEngine(
        JdbcEventStorageEngine.builder()
            .upcasterChain(c.upcasterChain())
            .connectionProvider(connections)
            .transactionManager(transactions)
            .eventSerializer(events)
            .snapshotSerializer(snapshotSerializer())
            // Only snapshots of the aggregate's current revision (Grant's @Revision) are used: one
            // of an
            // older shape is skipped and the grant is rebuilt from its events (which never change),
            // and
            // the next snapshot has the current shape. The events' mapper ignores unknown
            // properties, so
            // an old snapshot would otherwise load "successfully" with the new fields empty.
            .snapshotFilter(c.snapshotFilter())
            .persistenceExceptionResolver(uniqueViolation())
            .dataType(byte[].class)
            .schema(eventSchema())
            // PostgresEventStorageEngine runs it, at most once per quiet interval when idle
            .extendedGapCheckEnabled(false)
            // above the snapshot threshold, so that a load after a snapshot is one batch (one
            // SELECT)
            .batchSize(Math.max(100, settings.snapshotThreshold() + 1)));
  }

  /** The tables of V1__event_store.sql: Axon's columns in snake case. */
  static EventSchema eventSchema() {
    return EventSchema.builder()
        .eventTable("domain_event_entry")
        .snapshotTable("snapshot_event_entry")
        .globalIndexColumn("global_index")
        .timestampColumn("time_stamp")
        .eventIdentifierColumn("event_identifier")
        .aggregateIdentifierColumn("aggregate_identifier")
        .sequenceNumberColumn("sequence_number")
        .typeColumn("type")
        .payloadTypeColumn("payload_type")
        .payloadRevisionColumn("payload_revision")
        .payloadColumn("payload")
        .metaDataColumn("meta_data")
        .build();
  }

  static TokenSchema tokenSchema() {
    return TokenSchema.builder()
        .setTokenTable("token_entry")
        .setProcessorNameColumn("processor_name")
        .setSegmentColumn("segment")
        .setTokenColumn("token")
        .setTokenTypeColumn("token_type")
        .setTimestampColumn("timestamp")
        .setOwnerColumn("owner")
        .build();
  }

  /** PostgreSQL reports a unique violation as SQL state 23505: two writers raced on a grant. */
  private static PersistenceExceptionResolver uniqueViolation() {
    return exception -> {
      for (Throwable t = exception; t != null; t = t.getCause()) {
        if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
          return true;
        }
      }
      return false;
    };
  }

  static Serializer eventSerializer() {
    return JacksonSerializer.builder()
        .objectMapper(EventJson.newMapper())
        .revisionResolver(new SchemaVersionRevisionResolver())
        .build();
  }

  /**
   * Snapshots hold the aggregate's private fields, not its API. Their revision is the aggregate's
   * {@code @Revision} (the serializer's default revision resolver), which the snapshot filter
   * checks.
   */
  static Serializer snapshotSerializer() {
    ObjectMapper mapper =
        EventJson.newMapper()
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
    return JacksonSerializer.builder().objectMapper(mapper).build();
  }

  /**
   * Counts events as their unit of work commits them to the store; a grant appended to is forgotten
   * by the cache if the transaction around its unit of work does not commit.
   */
  private void countAppendedEvents(Configuration built, GrantCache cache) {
    built
        .eventStore()
        .registerDispatchInterceptor(
            messages -> {
              for (var message : messages) {
                if (cache != null && message instanceof DomainEventMessage<?> domain) {
                  cache.forgetOnRollback(domain.getAggregateIdentifier());
                }
                String type = message.getPayloadType().getSimpleName();
                if (org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
                  org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get()
                      .afterCommit(
                          u -> {
                            metrics.eventAppended(type);
                            committedAppends.incrementAndGet();
                          });
                }
              }
              return (index, message) -> message;
            });
  }

  void stop(@Observes ShutdownEvent event) {
    if (configuration != null) {
      configuration.shutdown();
    }
  }

  /**
   * Shuts Axon down and starts it afresh, as a restart of the service would: nothing of the grants
   * is kept in memory, so every grant is rebuilt from the event store on its next use.
   */
  public synchronized void restart() {
    Configuration current = configuration;
    configuration = null;
    if (current != null) {
      current.shutdown();
    }
    start(new SchemaReady());
  }

  /**
   * Events this instance has appended since it started (counted as their unit of work commits): a
   * reader of the store's head knows by it whether the head can have moved.
   */
  public long committedAppends() {
    return committedAppends.get();
  }

  /** The grants in memory between commands (empty when the cache is off). */
  public Optional<GrantCache> cache() {
    return Optional.ofNullable(cache);
  }

  /** The running configuration, or a 503 for callers that arrive before the schema is ready. */
  public Configuration configuration() {
    Configuration current = configuration;
    if (current == null) {
      throw new jakarta.ws.rs.ServiceUnavailableException(
          "the event store is not ready yet (database schema pending)");
    }
    return current;
  }

  public boolean isStarted() {
    return configuration != null;
  }
}
