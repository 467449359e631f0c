package jp.grants.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jp.grants.contracts.EventJson;

/** The envelope codec every service shares, with the one JSON configuration of events. */
@ApplicationScoped
public class MessagingBeans {
  /** A singleton, not a client proxy: the codec is immutable and final. */
  @Produces
  @jakarta.inject.Singleton
  EnvelopeCodec codec() {
    return new EnvelopeCodec(EventJson.configure(new ObjectMapper()));
  }
}
