package jp.grants.audit.verifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.grants.contracts.EventJson;
import jp.grants.contracts.audit.ChainHash;
import jp.grants.contracts.audit.ChainHead;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.ExportProof;
import jp.grants.contracts.audit.ExportProof.HeadAt;
import jp.grants.contracts.audit.ExportProof.HeadProof;
import jp.grants.contracts.audit.ExportedEvent;
import jp.grants.contracts.audit.MerkleTree;
import jp.grants.contracts.audit.Signatures;

/**
 * A service in miniature, built from the contracts alone: grants with hash-chained events, a signed
 * checkpoint log over their heads, and exports with their proof line, as the grant-service writes
 * them; and the means to tamper with them as an attacker would.
 */
final class ExportFixture {
  static final HexFormat HEX = HexFormat.of();
  final ObjectMapper json = EventJson.newMapper();
  final KeyPair key;

  /** Every grant's events, by grant id (sorted as the checkpoint tree sorts them). */
  final Map<String, List<ExportedEvent>> grants = new TreeMap<>();

  final List<Checkpoint> checkpoints = new ArrayList<>();
  final List<List<ChainHead>> headsAt = new ArrayList<>();

  ExportFixture() throws Exception {
    key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  void append(String grant, String payload) {
    List<ExportedEvent> events = grants.computeIfAbsent(grant, g -> new ArrayList<>());
    byte[] previous =
        events.isEmpty() ? ChainHash.GENESIS : HEX.parseHex(events.get(events.size() - 1).hash());
    events.add(event(grant, events.size(), payload, previous));
  }

  /** Rewrites a grant's whole history from its first event, every hash recomputed. */
  void rehash(String grant, String from, String to) {
    List<ExportedEvent> old = grants.get(grant);
    List<ExportedEvent> rewritten = new ArrayList<>();
    byte[] previous = ChainHash.GENESIS;
    for (ExportedEvent e : old) {
      String payload =
          new String(Base64.getDecoder().decode(e.payload()), StandardCharsets.UTF_8)
              .replace(from, to);
      ExportedEvent again = event(grant, e.sequence(), payload, previous);
      rewritten.add(again);
      previous = HEX.parseHex(again.hash());
    }
    grants.put(grant, rewritten);
  }

  /** Cuts a grant's newest events off, as a DELETE would. */
  void truncate(String grant, int keep) {
    grants.put(grant, new ArrayList<>(grants.get(grant).subList(0, keep)));
  }

  static ExportedEvent event(String grant, long sequence, String payload, byte[] previous) {
    byte[] data = payload.getBytes(StandardCharsets.UTF_8);
    byte[] meta = "{\"actor\":\"po-1\"}".getBytes(StandardCharsets.UTF_8);
    String id = grant + "-ev-" + sequence;
    String time = "2026-05-01T00:00:0" + (sequence % 10) + "Z";
    byte[] hash = ChainHash.of(previous, id, grant, sequence, time, "P", "1", data, meta);
    return new ExportedEvent(
        grant,
        sequence,
        id,
        "jp.grants.grant.Test",
        "P",
        "1",
        time,
        Base64.getEncoder().encodeToString(data),
        Base64.getEncoder().encodeToString(meta),
        null,
        HEX.formatHex(previous),
        HEX.formatHex(hash));
  }

  List<ChainHead> heads() {
    List<ChainHead> heads = new ArrayList<>();
    grants.forEach(
        (grant, events) -> {
          ExportedEvent last = events.get(events.size() - 1);
          heads.add(new ChainHead(grant, last.sequence(), last.hash()));
        });
    return heads;
  }

  Checkpoint checkpoint() {
    List<ChainHead> heads = heads();
    long index = checkpoints.size();
    String root = HEX.formatHex(MerkleTree.root(leaves(heads)));
    String time = "2026-06-01T00:00:0" + index + "Z";
    List<byte[]> log = new ArrayList<>();
    for (Checkpoint c : checkpoints) {
      log.add(MerkleTree.leafHash(c.record()));
    }
    log.add(MerkleTree.leafHash(Checkpoint.record(index, time, heads.size(), root)));
    Checkpoint c = sign(index, time, heads.size(), root, log);
    checkpoints.add(c);
    headsAt.add(heads);
    return c;
  }

  Checkpoint sign(long index, String time, long size, String root, List<byte[]> log) {
    String logRoot = HEX.formatHex(MerkleTree.root(log));
    String keyId = Signatures.keyId(key.getPublic());
    String signature =
        Signatures.sign(
            key.getPrivate(),
            Checkpoint.signed(index, time, size, root, log.size(), logRoot, keyId));
    return new Checkpoint(index, time, size, root, log.size(), logRoot, keyId, signature, null);
  }

  /** The export of the given grants against the newest checkpoint, optionally since an earlier. */
  List<String> export(String scope, String subject, List<String> exported, Integer since)
      throws Exception {
    int at = checkpoints.size() - 1;
    Checkpoint checkpoint = checkpoints.get(at);
    List<ChainHead> heads = headsAt.get(at);
    List<HeadProof> proofs = new ArrayList<>();
    for (String grant : exported) {
      int index = indexOf(heads, grant);
      proofs.add(proof(heads, index));
    }
    Integer fy = scope.equals("program") ? 2027 : null;
    String manifest =
        Signatures.sign(
            key.getPrivate(), ExportProof.manifest(scope, subject, fy, checkpoint, proofs));
    ExportProof.Since earlier = since == null ? null : since(since, at, exported);
    ExportProof proof =
        new ExportProof(
            ExportProof.VERSION, scope, subject, fy, checkpoint, proofs, manifest, earlier);
    List<String> lines = new ArrayList<>();
    for (String grant : exported) {
      long last = heads.get(indexOf(heads, grant)).sequence();
      for (ExportedEvent e : grants.get(grant)) {
        if (e.sequence() <= last) {
          lines.add(json.writeValueAsString(e));
        }
      }
    }
    lines.add(json.writeValueAsString(new ExportProof.Line(proof)));
    return lines;
  }

  private ExportProof.Since since(int since, int to, List<String> exported) {
    List<ChainHead> heads = headsAt.get(since);
    List<HeadAt> at = new ArrayList<>();
    List<String> ids = heads.stream().map(ChainHead::grantId).toList();
    for (String grant : exported) {
      int found = Collections.binarySearch(ids, grant);
      if (found >= 0) {
        at.add(new HeadAt(grant, proof(heads, found), null, null));
      } else {
        int right = -found - 1;
        at.add(
            new HeadAt(
                grant,
                null,
                right > 0 ? proof(heads, right - 1) : null,
                right < heads.size() ? proof(heads, right) : null));
      }
    }
    List<byte[]> log = new ArrayList<>();
    for (Checkpoint c : checkpoints.subList(0, to + 1)) {
      log.add(MerkleTree.leafHash(c.record()));
    }
    List<String> consistency =
        MerkleTree.consistencyProof(log, since + 1).stream().map(HEX::formatHex).toList();
    return new ExportProof.Since(checkpoints.get(since), consistency, at);
  }

  static HeadProof proof(List<ChainHead> heads, int index) {
    ChainHead head = heads.get(index);
    return new HeadProof(
        head.grantId(),
        head.sequence(),
        head.hash(),
        index,
        MerkleTree.inclusionPath(leaves(heads), index).stream().map(HEX::formatHex).toList());
  }

  private static int indexOf(List<ChainHead> heads, String grant) {
    for (int i = 0; i < heads.size(); i++) {
      if (heads.get(i).grantId().equals(grant)) {
        return i;
      }
    }
    throw new IllegalArgumentException(grant + " is not in the checkpoint");
  }

  static List<byte[]> leaves(List<ChainHead> heads) {
    return heads.stream().map(ChainHead::leafHash).toList();
  }
}
