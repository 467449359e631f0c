package jp.grants.grant.axon;

import org.axonframework.config.ProcessingGroup;

/**
 * An event handler of the service that Axon runs in a streaming processor of its own over the event
 * store; the handler names its processing group (its {@code @ProcessingGroup}) and how it wants to
 * be run. {@link AxonRuntime} finds every such bean and registers it, so the runtime knows no
 * handler by name.
 */
public interface StreamingHandler {
  /** How the handler's processor follows the event store. */
  enum Processor {
    /**
     * Axon's tracking processor: its threads wait on the event store's stream and wake as soon as
     * new events are fetched (for what must leave at once: publication). Segments: {@code
     * grants.axon.publisher-segments}.
     */
    TRACKING,
    /**
     * Axon's pooled streaming processor, in batches (for read models). Segments: {@code
     * grants.axon.segments}.
     */
    POOLED
  }

  /** The processing group: the handler's {@code @ProcessingGroup}, its one source. */
  default String processingGroup() {
    ProcessingGroup group = getClass().getAnnotation(ProcessingGroup.class);
    if (group == null) {
      throw new IllegalStateException(getClass().getName() + " names no @ProcessingGroup");
    }
    return group.value();
  }

  Processor processor();
}
