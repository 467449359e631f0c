package jp.grants.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  private static List<ExportedEvent> chain(String grant, int length) {
    List<ExportedEvent> events = new ArrayList<>();
    byte[] previous = ChainHash.GENESIS;
    for (int i = 0; i < length; i++) {
      byte[] payload = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      byte[] hash =
          ChainHash.of(
              previous, "e" + i, grant, i, "2026-04-01T00:00:0" + i + "Z", "T", "1", payload, null);
      events.add(
          new ExportedEvent(
              grant,
              i,
              "e" + i,
              "t",
              "T",
              "1",
              "2026-04-01T00:00:0" + i + "Z",
              Base64.getEncoder().encodeToString(payload),
              null,
              null,
              ExportedEvent.hex(previous),
              ExportedEvent.hex(hash)));
      previous = hash;
    }
    return events;
  }

  @Test
  void shouldAcceptAnIntactChainOfSeveralGrants() {
    ChainVerifier verifier = new ChainVerifier();
    List<ExportedEvent> all = new ArrayList<>(chain("a", 3));
    all.addAll(chain("b", 2));
    assertThat(all).allSatisfy(e -> assertThat(verifier.accept(e)).isEmpty());
    assertThat(verifier.events()).isEqualTo(5);
    assertThat(verifier.grants()).isEqualTo(2);
  }

  @Test
  void shouldNameAnAlteredEvent() {
    List<ExportedEvent> events = chain("a", 3);
    ExportedEvent original = events.get(1);
    String forged =
        Base64.getEncoder().encodeToString("{\"n\":99}".getBytes(StandardCharsets.UTF_8));
    events.set(
        1,
        new ExportedEvent(
            original.grantId(),
            1,
            original.eventId(),
            original.type(),
            original.payloadType(),
            original.payloadRevision(),
            original.timestamp(),
            forged,
            null,
            null,
            original.previousHash(),
            original.hash()));
    ChainVerifier verifier = new ChainVerifier();
    assertThat(verifier.accept(events.get(0))).isEmpty();
    assertThat(verifier.accept(events.get(1)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("e1").contains("altered"));
  }

  @Test
  void shouldNoticeAMissingEvent() {
    List<ExportedEvent> events = chain("a", 3);
    ChainVerifier verifier = new ChainVerifier();
    assertThat(verifier.accept(events.get(0))).isEmpty();
    assertThat(verifier.accept(events.get(2)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("missing"));
  }

  @Test
  void shouldNoticeARecomputedButRelinkedChain() {
    // Whoever edits an event and recomputes its hash still breaks the next event's link.
    List<ExportedEvent> events = chain("a", 3);
    byte[] payload = "{\"n\":42}".getBytes(StandardCharsets.UTF_8);
    ExportedEvent e1 = events.get(1);
    byte[] newHash =
        ChainHash.of(ChainHash.GENESIS, "e1", "a", 1, e1.timestamp(), "T", "1", payload, null);
    byte[] forgedHash =
        ChainHash.of(
            java.util.HexFormat.of().parseHex(e1.previousHash()),
            "e1",
            "a",
            1,
            e1.timestamp(),
            "T",
            "1",
            payload,
            null);
    events.set(
        1,
        new ExportedEvent(
            "a",
            1,
            "e1",
            "t",
            "T",
            "1",
            e1.timestamp(),
            Base64.getEncoder().encodeToString(payload),
            null,
            null,
            e1.previousHash(),
            ExportedEvent.hex(forgedHash)));
    ChainVerifier verifier = new ChainVerifier();
    assertThat(verifier.accept(events.get(0))).isEmpty();
    assertThat(verifier.accept(events.get(1))).isEmpty();
    assertThat(verifier.accept(events.get(2)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("previous hash"));
    assertThat(newHash).isNotEqualTo(forgedHash);
  }
}
