package jp.grants.audit.verifier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.audit.ChainVerifier;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.ExportProof;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.contracts.audit.Signatures;

/**
 * Checks an audit export offline, with no service or database. Every event line must be a stored
 * event whose hash matches its content and whose previous hash is the hash of the line before it in
 * the same grant. Given the service's public key ({@code --public-key}) and/or a checkpoint the
 * auditor trusts ({@code --checkpoint}), the export's last line (its {@code exportProof}) must
 * prove the export complete and unrewritten: see {@link ProofCheck}. Given review-service's
 * decisions export of the same grants ({@code --committee}, verified the same way with {@code
 * --committee-key} and/or {@code --committee-checkpoint}), every committee decision in the grants'
 * histories must be linked to its committee's record: see {@link CommitteeLinks}. Prints {@code OK
 * ...} and exits 0, or {@code BAD ...} with the reason and exits 1; 2 for a usage or reading error.
 */
public final class VerifyExport {
  static final String USAGE =
      "usage: java -jar grants-audit-verifier.jar [--public-key key.pem] [--checkpoint checkpoint.json]"
          + " [--committee decisions.ndjson [--committee-key review-key.pem]"
          + " [--committee-checkpoint review-checkpoint.json]] <export.ndjson>";

  private VerifyExport() {}

  /**
   * What to verify against.
   *
   * @param committee review-service's decisions export of the same grants, or null
   */
  public record Options(
      Path export,
      Path publicKey,
      Path checkpoint,
      Path committee,
      Path committeeKey,
      Path committeeCheckpoint) {
    public Options(Path export, Path publicKey, Path checkpoint) {
      this(export, publicKey, checkpoint, null, null, null);
    }
  }

  public static void main(String[] args) throws IOException {
    Optional<Options> options = parse(args);
    if (options.isEmpty()) {
      System.err.println(USAGE);
      System.exit(2);
    }
    System.exit(verify(options.get(), System.out));
  }

  static Optional<Options> parse(String[] args) {
    Path key = null;
    Path checkpoint = null;
    Path export = null;
    Path[] committee = new Path[3];
    for (int i = 0; i < args.length; i++) {
      int of = List.of("--committee", "--committee-key", "--committee-checkpoint").indexOf(args[i]);
      if (of >= 0) {
        if (++i == args.length) {
          return Optional.empty();
        }
        committee[of] = Path.of(args[i]);
        continue;
      }
      switch (args[i]) {
        case "--public-key" -> {
          if (++i == args.length) {
            return Optional.empty();
          }
          key = Path.of(args[i]);
        }
        case "--checkpoint" -> {
          if (++i == args.length) {
            return Optional.empty();
          }
          checkpoint = Path.of(args[i]);
        }
        default -> {
          if (export != null || args[i].startsWith("--")) {
            return Optional.empty();
          }
          export = Path.of(args[i]);
        }
      }
    }
    if (export == null
        || (committee[0] == null && (committee[1] != null || committee[2] != null))) {
      return Optional.empty();
    }
    return Optional.of(
        new Options(export, key, checkpoint, committee[0], committee[1], committee[2]));
  }

  /** Verifies the export's chains only (no key, no trusted checkpoint). */
  public static int verify(Path file, PrintStream out) throws IOException {
    return verify(new Options(file, null, null), out);
  }

  /**
   * Verifies the export, reports to out, and returns the exit status: 0 intact, 1 broken, 2
   * unreadable.
   */
  public static int verify(Options options, PrintStream out) throws IOException {
    PublicKey key;
    Checkpoint trusted;
    try {
      key = options.publicKey() == null ? null : readKey(options.publicKey());
      trusted = options.checkpoint() == null ? null : readCheckpoint(options.checkpoint());
    } catch (IOException | IllegalArgumentException e) {
      out.println("BAD: " + e.getMessage());
      return 2;
    }
    if (!Files.isReadable(options.export())) {
      out.println("BAD: cannot read " + options.export());
      return 2;
    }
    Read read = read(options.export());
    if (read.problem != null) {
      out.println(read.problem);
      return 1;
    }
    if (read.verifier.events() == 0) {
      out.println("BAD: the export holds no event");
      return 1;
    }
    String chains =
        read.verifier.events()
            + " events of "
            + read.verifier.grants()
            + " grant(s) verified; last hash "
            + ExportedEvent.hex(read.verifier.head());
    if (read.proof == null) {
      if (key != null || trusted != null) {
        out.println(
            "BAD: the export carries no exportProof line, so nothing proves it complete (was its end"
                + " cut off?)");
        return 1;
      }
      out.println("OK: " + chains + " (chains only: no checkpoint proof in the export)");
      return options.committee() == null ? 0 : committee(options, out);
    }
    Optional<String> bad = new ProofCheck(read.proof, read.hashes, key, trusted).problem();
    if (bad.isPresent()) {
      out.println("BAD: " + bad.get());
      return 1;
    }
    out.println("OK: " + chains + "; " + ProofCheck.summary(read.proof, key, trusted));
    return options.committee() == null ? 0 : committee(options, out);
  }

  /** The decisions export verified on its own, then every committee decision linked to it. */
  private static int committee(Options options, PrintStream out) throws IOException {
    out.print("committee: ");
    int status =
        verify(
            new Options(options.committee(), options.committeeKey(), options.committeeCheckpoint()),
            out);
    if (status != 0) {
      return status;
    }
    CommitteeLinks.Result links = CommitteeLinks.check(options.export(), options.committee());
    if (links.problem().isPresent()) {
      out.println("BAD: committee: " + links.problem().get());
      return 1;
    }
    out.println(
        "OK: committee: "
            + links.linked()
            + " committee decision(s) linked to their records: each committee composed by its"
            + " program's rule, decided by its chair, scored by assigned voting members without a"
            + " conflict, with a quorum");
    return 0;
  }

  /** The export's lines: every grant's event hashes by sequence, the proof, the first problem. */
  private static final class Read {
    final ChainVerifier verifier = new ChainVerifier();
    final Map<String, List<String>> hashes = new LinkedHashMap<>();
    ExportProof proof;
    String problem;
  }

  private static Read read(Path file) throws IOException {
    ObjectMapper json =
        EventJson.newMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Read read = new Read();
    long lineNumber = 0;
    String current = null;
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        Optional<String> problem;
        try {
          JsonNode node = json.readTree(line);
          if (read.proof != null) {
            problem = Optional.of("a line after the exportProof line, which must be the last");
          } else if (node.has("exportProof")) {
            read.proof = json.treeToValue(node, ExportProof.Line.class).exportProof();
            problem = Optional.empty();
          } else {
            ExportedEvent event = json.treeToValue(node, ExportedEvent.class);
            if (!event.grantId().equals(current) && read.hashes.containsKey(event.grantId())) {
              problem =
                  Optional.of(
                      "grant " + event.grantId() + " appears twice: its events are not together");
            } else {
              problem = read.verifier.accept(event);
              current = event.grantId();
              if (problem.isEmpty()) {
                read.hashes.computeIfAbsent(current, g -> new ArrayList<>()).add(event.hash());
              }
            }
          }
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
          problem =
              Optional.of(
                  "not an exported event: "
                      + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (problem.isPresent()) {
          read.problem = "BAD line " + lineNumber + ": " + problem.get();
          return read;
        }
      }
    }
    return read;
  }

  /** A PEM public key, or the JSON of {@code GET /api/v1/audit/checkpoints/key}. */
  static PublicKey readKey(Path file) throws IOException {
    String text = Files.readString(file);
    if (text.trim().startsWith("{")) {
      text = EventJson.newMapper().readTree(text).path("publicKey").asText();
    }
    return Signatures.publicKey(text);
  }

  /**
   * A checkpoint as {@code GET /api/v1/audit/checkpoints/{index}} answers it, or the data of a
   * CheckpointSigned event (its extra logId is ignored).
   */
  static Checkpoint readCheckpoint(Path file) throws IOException {
    JsonNode node = EventJson.newMapper().readTree(Files.readString(file));
    if (node.has("data") && node.has("specversion")) {
      node = node.get("data"); // a whole CloudEvent from audit-checkpoints
    }
    Checkpoint checkpoint = EventJson.newMapper().treeToValue(node, Checkpoint.class);
    if (checkpoint.rootHash() == null || checkpoint.logRoot() == null) {
      throw new IllegalArgumentException(file + " is not a checkpoint");
    }
    return checkpoint;
  }
}
