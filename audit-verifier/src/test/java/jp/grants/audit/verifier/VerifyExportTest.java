package jp.grants.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.audit.ChainHash;
import jp.grants.contracts.audit.ExportedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyExportTest {
  @TempDir Path dir;
  private final ObjectMapper json = EventJson.newMapper();

  private List<String> lines(int count) throws Exception {
    List<String> lines = new ArrayList<>();
    byte[] previous = ChainHash.GENESIS;
    for (int i = 0; i < count; i++) {
      byte[] payload = ("{\"step\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      byte[] meta = "{\"actor\":\"po-1\"}".getBytes(StandardCharsets.UTF_8);
      byte[] hash =
          ChainHash.of(
              previous,
              "ev-" + i,
              "g-1",
              i,
              "2026-05-0" + (i + 1) + "T00:00:00Z",
              "P",
              "1",
              payload,
              meta);
      lines.add(
          json.writeValueAsString(
              new ExportedEvent(
                  "g-1",
                  i,
                  "ev-" + i,
                  "t",
                  "P",
                  "1",
                  "2026-05-0" + (i + 1) + "T00:00:00Z",
                  Base64.getEncoder().encodeToString(payload),
                  Base64.getEncoder().encodeToString(meta),
                  null,
                  ExportedEvent.hex(previous),
                  ExportedEvent.hex(hash))));
      previous = hash;
    }
    return lines;
  }

  private String run(List<String> lines, int expectedStatus) throws Exception {
    Path file = dir.resolve("export.ndjson");
    Files.write(file, lines);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = VerifyExport.verify(file, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(expectedStatus);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldPrintOkForAnIntactExport() throws Exception {
    assertThat(run(lines(4), 0)).startsWith("OK: 4 events of 1 grant(s)");
  }

  @Test
  void shouldPrintTheFirstBadLineOfATamperedExport() throws Exception {
    List<String> lines = lines(4);
    lines.set(2, lines.get(2).replace("\"timestamp\":\"2026-05-03", "\"timestamp\":\"2026-06-03"));
    assertThat(run(lines, 1)).startsWith("BAD line 3:").contains("ev-2");
  }

  @Test
  void shouldPrintBadForALineThatIsNotAnEvent() throws Exception {
    List<String> lines = lines(2);
    lines.add(1, "{\"hello\":1}");
    assertThat(run(lines, 1)).startsWith("BAD line 2: not an exported event");
  }

  @Test
  void shouldPrintBadForADroppedLine() throws Exception {
    List<String> lines = lines(3);
    lines.remove(1);
    assertThat(run(lines, 1)).startsWith("BAD line 2:").contains("missing");
  }
}
