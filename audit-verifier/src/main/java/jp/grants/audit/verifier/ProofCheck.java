package jp.grants.audit.verifier;

import java.security.PublicKey;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.ExportProof;
import jp.grants.contracts.audit.ExportProof.HeadAt;
import jp.grants.contracts.audit.ExportProof.HeadProof;
import jp.grants.contracts.audit.MerkleTree;
import jp.grants.contracts.audit.Signatures;

/**
 * The checks of an export's proof line, in order, each failing with the reason an auditor can act
 * on: the checkpoint's and the manifest's signatures (with the public key), every head's inclusion
 * in the checkpoint, every listed grant present and ending exactly at its head (nothing cut off,
 * nothing re-hashed), and against a trusted earlier checkpoint the log's consistency and every
 * grant's head then still in the history.
 */
final class ProofCheck {
  private static final HexFormat HEX = HexFormat.of();

  private final ExportProof proof;
  private final Map<String, List<String>> hashes;
  private final PublicKey key;
  private final Checkpoint trusted;

  ProofCheck(
      ExportProof proof, Map<String, List<String>> hashes, PublicKey key, Checkpoint trusted) {
    this.proof = proof;
    this.hashes = hashes;
    this.key = key;
    this.trusted = trusted;
  }

  Optional<String> problem() {
    if (!ExportProof.VERSION.equals(proof.version())) {
      return Optional.of("unknown export proof version " + proof.version());
    }
    return signatures().or(this::inclusions).or(this::completeness).or(this::againstTrusted);
  }

  private Optional<String> signatures() {
    Checkpoint c = proof.checkpoint();
    if (key == null) {
      return Optional.empty();
    }
    if (!Signatures.keyId(key).equals(c.keyId())) {
      return Optional.of(
          "checkpoint "
              + c.index()
              + " names key "
              + c.keyId()
              + ", not the given key "
              + Signatures.keyId(key)
              + ": a forged checkpoint, or the wrong key");
    }
    if (!Signatures.verify(key, c.signed(), c.signature())) {
      return Optional.of(
          "checkpoint "
              + c.index()
              + ": its signature does not verify with the given key: a forged or altered checkpoint");
    }
    if (!Signatures.verify(key, proof.manifest(), proof.manifestSignature())) {
      return Optional.of(
          "the export's manifest signature does not verify: its list of grants and heads was altered");
    }
    if (trusted != null && !Signatures.verify(key, trusted.signed(), trusted.signature())) {
      return Optional.of(
          "the trusted checkpoint "
              + trusted.index()
              + "'s signature does not verify with the given key: it is forged or altered");
    }
    return Optional.empty();
  }

  private Optional<String> inclusions() {
    Checkpoint c = proof.checkpoint();
    for (HeadProof head : proof.heads()) {
      if (!included(head, c)) {
        return Optional.of(
            "grant "
                + head.grantId()
                + ": the inclusion proof of its head (sequence "
                + head.sequence()
                + ") does not lead to checkpoint "
                + c.index()
                + "'s root: the head or the checkpoint was altered");
      }
    }
    return Optional.empty();
  }

  private Optional<String> completeness() {
    Set<String> listed = new HashSet<>();
    for (HeadProof head : proof.heads()) {
      if (!listed.add(head.grantId())) {
        return Optional.of("grant " + head.grantId() + " is listed twice in the manifest");
      }
      List<String> chain = hashes.get(head.grantId());
      if (chain == null) {
        return Optional.of(
            "grant "
                + head.grantId()
                + " is in the export's manifest but none of its events are in the export: a grant"
                + " is missing");
      }
      Optional<String> ending = ending(head, chain, "checkpoint " + proof.checkpoint().index());
      if (ending.isPresent()) {
        return ending;
      }
    }
    for (String grant : hashes.keySet()) {
      if (!listed.contains(grant)) {
        return Optional.of(
            "grant " + grant + "'s events are in the export, but the manifest does not list it");
      }
    }
    return Optional.empty();
  }

  /** The export's chain of a grant ends exactly at the head the checkpoint recorded. */
  private static Optional<String> ending(HeadProof head, List<String> chain, String checkpoint) {
    long last = chain.size() - 1L;
    if (last < head.sequence()) {
      return Optional.of(
          "grant "
              + head.grantId()
              + ": the history ends at sequence "
              + last
              + " but "
              + checkpoint
              + " recorded its head at sequence "
              + head.sequence()
              + ": the newest events were cut off (truncated history)");
    }
    if (last > head.sequence()) {
      return Optional.of(
          "grant "
              + head.grantId()
              + ": the history goes on past the head "
              + checkpoint
              + " recorded (sequence "
              + head.sequence()
              + ")");
    }
    if (!chain.get((int) last).equals(head.hash())) {
      return Optional.of(
          "grant "
              + head.grantId()
              + ": event "
              + last
              + "'s hash is not the head "
              + checkpoint
              + " recorded: the history was rewritten (re-hashed)");
    }
    return Optional.empty();
  }

  private Optional<String> againstTrusted() {
    if (trusted == null) {
      return Optional.empty();
    }
    Checkpoint c = proof.checkpoint();
    if (trusted.index() > c.index()) {
      return Optional.of(
          "the export's checkpoint "
              + c.index()
              + " is older than the trusted checkpoint "
              + trusted.index()
              + ": ask for a new export");
    }
    if (trusted.index() == c.index()) {
      return trusted.withoutAnchor().equals(c.withoutAnchor())
          ? Optional.empty()
          : Optional.of(
              "inconsistent checkpoint: the export's checkpoint "
                  + c.index()
                  + " is not the trusted checkpoint of the same index (a forked or rewritten log)");
    }
    ExportProof.Since since = proof.since();
    if (since == null || since.checkpoint().index() != trusted.index()) {
      return Optional.of(
          "the export carries no proofs against the trusted checkpoint "
              + trusted.index()
              + ": export again with since="
              + trusted.index());
    }
    if (!since.checkpoint().withoutAnchor().equals(trusted.withoutAnchor())) {
      return Optional.of(
          "inconsistent checkpoint: the service's checkpoint "
              + trusted.index()
              + " is not the trusted one (the checkpoint log was rewritten)");
    }
    if (!MerkleTree.verifyConsistency(
        trusted.logSize(),
        HEX.parseHex(trusted.logRoot()),
        c.logSize(),
        HEX.parseHex(c.logRoot()),
        since.consistency().stream().map(HEX::parseHex).toList())) {
      return Optional.of(
          "inconsistent checkpoint: the consistency proof from the trusted checkpoint "
              + trusted.index()
              + " to checkpoint "
              + c.index()
              + " fails: the checkpoint log was rewritten");
    }
    return headsThen(since);
  }

  /** Every exported grant's head at the trusted checkpoint is still in its history. */
  private Optional<String> headsThen(ExportProof.Since since) {
    String name = "the trusted checkpoint " + trusted.index();
    for (HeadProof exported : proof.heads()) {
      HeadAt at =
          since.heads().stream()
              .filter(h -> h.grantId().equals(exported.grantId()))
              .findFirst()
              .orElse(null);
      if (at == null) {
        return Optional.of(
            "grant " + exported.grantId() + ": the export has no proof of it in " + name);
      }
      if (at.head() != null && !at.head().grantId().equals(exported.grantId())) {
        return Optional.of(
            "grant "
                + exported.grantId()
                + ": the export's proof in "
                + name
                + " is another grant's");
      }
      Optional<String> problem = at.head() != null ? stillThere(at.head(), name) : absent(at, name);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private Optional<String> stillThere(HeadProof head, String name) {
    if (!included(head, trusted)) {
      return Optional.of(
          "grant " + head.grantId() + ": the inclusion proof of its head in " + name + " fails");
    }
    List<String> chain = hashes.get(head.grantId());
    if (chain.size() <= head.sequence()) {
      return Optional.of(
          "grant "
              + head.grantId()
              + ": "
              + name
              + " recorded its head at sequence "
              + head.sequence()
              + ", but the history ends at sequence "
              + (chain.size() - 1)
              + ": it was truncated after that checkpoint");
    }
    if (!chain.get((int) head.sequence()).equals(head.hash())) {
      return Optional.of(
          "grant "
              + head.grantId()
              + ": event "
              + head.sequence()
              + "'s hash is not the head "
              + name
              + " recorded: the history was rewritten (re-hashed) after that checkpoint");
    }
    return Optional.empty();
  }

  /**
   * The grant was not yet in the trusted checkpoint: its neighbours in the sorted tree prove it.
   */
  private Optional<String> absent(HeadAt at, String name) {
    HeadProof left = at.left();
    HeadProof right = at.right();
    String grant = at.grantId();
    boolean leftHolds =
        left == null
            ? right != null && right.leafIndex() == 0
            : included(left, trusted) && left.grantId().compareTo(grant) < 0;
    boolean rightHolds =
        right == null
            ? left != null && left.leafIndex() == trusted.treeSize() - 1
            : included(right, trusted) && right.grantId().compareTo(grant) > 0;
    boolean adjacent =
        leftHolds
            && rightHolds
            && (left == null || right == null || right.leafIndex() == left.leafIndex() + 1);
    if (!adjacent && !(left == null && right == null && trusted.treeSize() == 0)) {
      return Optional.of(
          "grant "
              + at.grantId()
              + ": the proof that it was not yet in "
              + name
              + " fails (it was there: its history may have been removed or replaced)");
    }
    return Optional.empty();
  }

  private static boolean included(HeadProof head, Checkpoint checkpoint) {
    try {
      return MerkleTree.verifyInclusion(
          head.head().leafHash(),
          head.leafIndex(),
          checkpoint.treeSize(),
          head.path().stream().map(HEX::parseHex).toList(),
          HEX.parseHex(checkpoint.rootHash()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String summary(ExportProof proof, PublicKey key, Checkpoint trusted) {
    Checkpoint c = proof.checkpoint();
    String text =
        "complete up to checkpoint "
            + c.index()
            + " ("
            + proof.heads().size()
            + " of its "
            + c.treeSize()
            + " heads, root "
            + c.rootHash()
            + ")";
    text +=
        key == null
            ? "; signatures NOT checked (no public key given)"
            : "; signatures verified with key " + c.keyId();
    if (trusted != null) {
      text += "; consistent with the trusted checkpoint " + trusted.index();
    }
    return text;
  }
}
