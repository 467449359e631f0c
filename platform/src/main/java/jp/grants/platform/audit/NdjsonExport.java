package jp.grants.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.audit.ExportProof;
import jp.grants.contracts.audit.ExportedEvent;

/**
 * An audit export as the offline verifier (audit-verifier) reads it: NDJSON, one {@link
 * ExportedEvent} a line, each grant's records together and in sequence up to the head its proof
 * names, then the last line {@code {"exportProof": …}}. The same for every service that exports.
 */
public final class NdjsonExport {
  public static final String NDJSON = "application/x-ndjson";
  private static final ObjectMapper JSON = EventJson.newMapper();

  private NdjsonExport() {}

  /** Where the exported records come from: each grant's, in sequence, up to its last sequence. */
  @FunctionalInterface
  public interface Records {
    void stream(Map<UUID, Long> lastSequences, Consumer<ExportedEvent> sink);
  }

  /** The streamed answer, as the attachment {@code <name>.ndjson}. */
  public static Response of(ExportProofs.Prepared prepared, String name, Records records) {
    StreamingOutput body =
        out -> {
          records.stream(prepared.lastSequences(), record -> writeLine(out, record));
          out.write(JSON.writeValueAsBytes(new ExportProof.Line(prepared.proof())));
          out.write('\n');
        };
    return Response.ok(body, NDJSON)
        .header("Content-Disposition", "attachment; filename=\"" + name + ".ndjson\"")
        .build();
  }

  /** Where the records of chains named by their ids come from (as {@link Records}). */
  @FunctionalInterface
  public interface ChainRecords {
    void stream(Map<String, Long> lastSequences, Consumer<ExportedEvent> sink);
  }

  /** As {@link #of}, for chains named by their ids (ledger-service's {@code pool:<code>}). */
  public static Response ofChains(
      ExportProofs.ChainsPrepared prepared, String name, ChainRecords records) {
    StreamingOutput body =
        out -> {
          records.stream(prepared.lastSequences(), record -> writeLine(out, record));
          out.write(JSON.writeValueAsBytes(new ExportProof.Line(prepared.proof())));
          out.write('\n');
        };
    return Response.ok(body, NDJSON)
        .header("Content-Disposition", "attachment; filename=\"" + name + ".ndjson\"")
        .build();
  }

  private static void writeLine(OutputStream out, ExportedEvent record) {
    try {
      out.write(JSON.writeValueAsBytes(record));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
