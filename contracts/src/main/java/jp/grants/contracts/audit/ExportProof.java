package jp.grants.contracts.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.grants.contracts.Nullable;

/**
 * The last line of an audit export, {@code {"exportProof": {...}}}: what the export is checked
 * against. The signed checkpoint that holds every exported grant's chain head, each head with its
 * RFC 9162 inclusion proof in that checkpoint's tree, and the service's signature over the export's
 * manifest (its scope and the list of heads), so that no grant can be dropped from the file
 * unnoticed. With {@code since}: a checkpoint the auditor already holds, the consistency proof of
 * the checkpoint log from it to the export's checkpoint, and each grant's head in it (or the proof
 * that the grant was not in it yet).
 *
 * @param version {@value #VERSION}
 * @param scope {@code grant} (one grant's export) or {@code program} (a program and fiscal year) of
 *     grant-service; {@code decisions} (one grant's committee decisions) of review-service
 * @param subject the grant id, or the program code
 * @param fiscalYear the program export's fiscal year
 * @param manifestSignature Ed25519 over {@link #manifest()}, Base64
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportProof(
    String version,
    String scope,
    String subject,
    @Nullable Integer fiscalYear,
    Checkpoint checkpoint,
    List<HeadProof> heads,
    String manifestSignature,
    @Nullable Since since) {
  public static final String VERSION = "grants-export-proof-v1";

  /** The line's wrapper: {@code {"exportProof": {...}}}. */
  public record Line(ExportProof exportProof) {}

  /**
   * A grant's head as a checkpoint recorded it, with its leaf index and audit path (hex).
   *
   * @param path RFC 9162 PATH(leafIndex, D[treeSize]), lower-case hex, leaf side first
   */
  public record HeadProof(
      String grantId, long sequence, String hash, long leafIndex, List<String> path) {
    public ChainHead head() {
      return new ChainHead(grantId, sequence, hash);
    }
  }

  /**
   * Proofs against a checkpoint the auditor already holds.
   *
   * @param checkpoint the earlier checkpoint as the service stores it
   * @param consistency RFC 9162 consistency proof of the log from {@code checkpoint.logSize} to the
   *     export checkpoint's {@code logSize}, hex
   * @param heads one per exported grant
   */
  public record Since(Checkpoint checkpoint, List<String> consistency, List<HeadAt> heads) {}

  /**
   * A grant in the earlier checkpoint: its head there, or (for a grant not yet in it) the two
   * neighbouring leaves whose adjacent indices prove its absence from the sorted tree; {@code left}
   * is absent at the tree's start, {@code right} at its end.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HeadAt(
      String grantId,
      @Nullable HeadProof head,
      @Nullable HeadProof left,
      @Nullable HeadProof right) {}

  /** The bytes the manifest signature covers. */
  public byte[] manifest() {
    return manifest(scope, subject, fiscalYear, checkpoint, heads);
  }

  public static byte[] manifest(
      String scope,
      String subject,
      Integer fiscalYear,
      Checkpoint checkpoint,
      List<HeadProof> heads) {
    StringBuilder text = new StringBuilder("grants-export-manifest-v1\n");
    text.append(scope).append('\n').append(subject).append('\n');
    text.append(fiscalYear == null ? "" : fiscalYear.toString()).append('\n');
    text.append(checkpoint.index()).append('\n').append(checkpoint.rootHash()).append('\n');
    for (HeadProof head : heads) {
      text.append(head.grantId()).append(' ').append(head.sequence()).append(' ');
      text.append(head.hash()).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
