package jp.grants.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import jp.grants.contracts.EventEnvelope;
import jp.grants.contracts.grant.GrantClosed;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {
  private final EnvelopeCodec codec = new EnvelopeCodec();

  @Test
  void anEventTravelsAsACloudEventAndComesBackEqual() {
    var event = new GrantClosed(UUID.randomUUID(), "closed out");
    var metadata = new EventMetadata("corr-1", "cause-1", "officer-7", "program-officer");
    EventEnvelope envelope =
        codec.wrap(
            "evt-1", "/grant-service", Instant.parse("2026-04-01T00:00:00Z"), 7L, metadata, event);

    String json = new String(codec.write(envelope), StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"specversion\":\"1.0\"")
        .contains("\"type\":\"jp.grants.grant.GrantClosed\"")
        .contains("\"subject\":\"" + event.grantId() + "\"")
        .contains("\"dataschema\":\"urn:jp-grants:schema:jp.grants.grant.GrantClosed:1\"")
        .contains("\"time\":\"2026-04-01T00:00:00Z\"");

    EventEnvelope read = codec.read(json.getBytes(StandardCharsets.UTF_8));
    assertThat(read.id()).isEqualTo("evt-1");
    assertThat(read.sequence()).isEqualTo(7L);
    assertThat(read.actor()).isEqualTo("officer-7");
    assertThat(codec.data(read)).contains(event);
  }

  @Test
  void aStoredEventIsWrittenAsTheEnvelopeOfItsEventByteForByte() throws Exception {
    var closed = new GrantClosed(UUID.randomUUID(), "closed \"out\" — 終了");
    var metadata = new EventMetadata("corr-1", null, "officer-7", "program-officer", "2026.2");
    Instant time = Instant.parse("2026-04-01T09:30:15.123456Z");
    byte[] stored = codec.json().writeValueAsBytes(closed);

    byte[] fromStored =
        codec.writeStored(
            "evt-3",
            "/grant-service",
            time,
            12L,
            metadata,
            GrantClosed.class,
            closed.grantId().toString(),
            stored);

    byte[] fromEvent =
        codec.write(codec.wrap("evt-3", "/grant-service", time, 12L, metadata, closed));
    assertThat(new String(fromStored, StandardCharsets.UTF_8))
        .isEqualTo(new String(fromEvent, StandardCharsets.UTF_8));
    assertThat(codec.data(codec.read(fromStored))).contains(closed);
    // without a sequence or any metadata, the envelope still ends in the stored data
    byte[] bare =
        codec.writeStored(
            "evt-4",
            "/grant-service",
            time,
            null,
            EventMetadata.NONE,
            GrantClosed.class,
            closed.grantId().toString(),
            stored);
    assertThat(new String(bare, StandardCharsets.UTF_8))
        .isEqualTo(
            new String(
                codec.write(
                    codec.wrap("evt-4", "/grant-service", time, null, EventMetadata.NONE, closed)),
                StandardCharsets.UTF_8))
        .endsWith(",\"data\":" + new String(stored, StandardCharsets.UTF_8) + "}");
  }

  @Test
  void somethingThatIsNotAnEnvelopeIsUnreadable() {
    assertThatThrownBy(() -> codec.read("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableEventException.class);
    assertThatThrownBy(() -> codec.read("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnreadableEventException.class);
  }

  @Test
  void aNewerSchemaVersionThanThisBuildKnowsIsNotGuessedAt() {
    var event = new GrantClosed(UUID.randomUUID(), "x");
    EventEnvelope envelope =
        codec.wrap("evt-2", "/grant-service", Instant.now(), null, EventMetadata.NONE, event);
    EventEnvelope newer =
        new EventEnvelope(
            envelope.specversion(),
            envelope.id(),
            envelope.source(),
            envelope.type(),
            envelope.subject(),
            envelope.time(),
            envelope.datacontenttype(),
            envelope.dataschema(),
            99,
            null,
            null,
            null,
            null,
            null,
            envelope.data());
    assertThatThrownBy(() -> codec.data(newer)).isInstanceOf(UnreadableEventException.class);
  }
}
