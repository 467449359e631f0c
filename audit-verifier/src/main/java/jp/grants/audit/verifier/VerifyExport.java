package jp.grants.audit.verifier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.audit.ChainVerifier;
import jp.grants.contracts.audit.ExportedEvent;

/**
 * Checks an audit export offline: every line must be a stored event whose hash matches its content
 * and whose previous hash is the hash of the line before it in the same grant. Prints {@code OK
 * ...} and exits 0, or {@code BAD line N: reason} for the first bad line and exits 1.
 */
public final class VerifyExport {
  private VerifyExport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java -jar grants-audit-verifier.jar <export.ndjson>");
      System.exit(2);
    }
    System.exit(verify(Path.of(args[0]), System.out));
  }

  /**
   * Verifies the file, reports to out, and returns the exit status: 0 intact, 1 broken, 2
   * unreadable.
   */
  public static int verify(Path file, PrintStream out) throws IOException {
    if (!Files.isReadable(file)) {
      out.println("BAD: cannot read " + file);
      return 2;
    }
    ObjectMapper json =
        EventJson.newMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    ChainVerifier verifier = new ChainVerifier();
    long lineNumber = 0;
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        Optional<String> problem;
        try {
          ExportedEvent event = json.readValue(line, ExportedEvent.class);
          problem = verifier.accept(event);
        } catch (IOException | IllegalArgumentException e) {
          problem =
              Optional.of(
                  "not an exported event: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (problem.isPresent()) {
          out.println("BAD line " + lineNumber + ": " + problem.get());
          return 1;
        }
      }
    }
    if (verifier.events() == 0) {
      out.println("BAD: the export holds no event");
      return 1;
    }
    out.println(
        "OK: "
            + verifier.events()
            + " events of "
            + verifier.grants()
            + " grant(s) verified; last hash "
            + ExportedEvent.hex(verifier.head()));
    return 0;
  }
}
