package jp.grants.platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.grants.contracts.audit.ChainHead;
import jp.grants.contracts.audit.Checkpoint;
import jp.grants.contracts.audit.ExportProof;
import jp.grants.contracts.audit.ExportProof.HeadAt;
import jp.grants.contracts.audit.ExportProof.HeadProof;
import jp.grants.contracts.audit.ExportProof.Since;
import jp.grants.contracts.audit.MerkleTree;

/**
 * The proofs an export carries: a checkpoint that holds the current head of every exported grant
 * (taken for the export if some head moved since the newest), each head's inclusion proof, the
 * signed manifest and, on request, the proofs against an earlier checkpoint the auditor holds.
 */
@ApplicationScoped
public class ExportProofs {
  private static final HexFormat HEX = HexFormat.of();

  @Inject CheckpointLog log;
  @Inject CheckpointKeys keys;

  /** An export's proof and, per grant, the last sequence the export holds (the head's). */
  public record Prepared(ExportProof proof, Map<UUID, Long> lastSequences) {}

  /** Fails with 404 for an unknown earlier checkpoint before anything is taken or streamed. */
  public void checkSince(Long since) {
    if (since != null && log.get(since).isEmpty()) {
      throw new NotFoundException("no checkpoint " + since);
    }
  }

  public Prepared prepare(
      String scope, String subject, Integer fiscalYear, List<UUID> grants, Long since, String by) {
    ChainsPrepared prepared =
        prepareChains(
            scope, subject, fiscalYear, grants.stream().map(UUID::toString).toList(), since, by);
    Map<UUID, Long> last = new LinkedHashMap<>();
    prepared.lastSequences().forEach((id, seq) -> last.put(UUID.fromString(id), seq));
    return new Prepared(prepared.proof(), last);
  }

  /**
   * An export's proof and, per chain id, the last sequence the export holds: for chains whose ids
   * are not grant ids (ledger-service's {@code pool:<code>}).
   */
  public record ChainsPrepared(ExportProof proof, Map<String, Long> lastSequences) {}

  /** As {@link #prepare}, for chains named by their ids as the head table keeps them. */
  public ChainsPrepared prepareChains(
      String scope,
      String subject,
      Integer fiscalYear,
      List<String> chains,
      Long since,
      String by) {
    Checkpoint checkpoint = log.current("export", by);
    List<ChainHead> heads = log.heads(checkpoint.index());
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < heads.size(); i++) {
      position.put(heads.get(i).grantId(), i);
    }
    MerkleTree.Prover tree = new MerkleTree.Prover(leaves(heads));
    List<HeadProof> proofs = new ArrayList<>();
    Map<String, Long> last = new LinkedHashMap<>();
    for (String chain : chains) {
      Integer index = position.get(chain);
      if (index == null) {
        continue; // no link of it was stored yet when the checkpoint was taken
      }
      proofs.add(proof(heads.get(index), index, tree));
      last.put(chain, heads.get(index).sequence());
    }
    String signature =
        keys.sign(ExportProof.manifest(scope, subject, fiscalYear, checkpoint, proofs));
    Since earlier = since == null ? null : since(since, checkpoint, proofs);
    return new ChainsPrepared(
        new ExportProof(
            ExportProof.VERSION,
            scope,
            subject,
            fiscalYear,
            checkpoint,
            proofs,
            signature,
            earlier),
        last);
  }

  private Since since(long index, Checkpoint checkpoint, List<HeadProof> exported) {
    if (index > checkpoint.index()) {
      throw new BadRequestException(
          "since must name a checkpoint no newer than the export's (" + checkpoint.index() + ")");
    }
    Checkpoint earlier =
        log.get(index).orElseThrow(() -> new NotFoundException("no checkpoint " + index));
    List<ChainHead> heads = log.heads(index);
    MerkleTree.Prover tree = new MerkleTree.Prover(leaves(heads));
    List<String> ids = heads.stream().map(ChainHead::grantId).toList();
    List<HeadAt> at = new ArrayList<>();
    for (HeadProof grant : exported) {
      int found = java.util.Collections.binarySearch(ids, grant.grantId());
      if (found >= 0) {
        at.add(new HeadAt(grant.grantId(), proof(heads.get(found), found, tree), null, null));
      } else {
        int right = -found - 1; // the first leaf after where the grant would be
        at.add(
            new HeadAt(
                grant.grantId(),
                null,
                right > 0 ? proof(heads.get(right - 1), right - 1, tree) : null,
                right < heads.size() ? proof(heads.get(right), right, tree) : null));
      }
    }
    List<String> consistency =
        log.consistency(index, checkpoint.index()).stream().map(HEX::formatHex).toList();
    return new Since(earlier, consistency, at);
  }

  private static HeadProof proof(ChainHead head, int index, MerkleTree.Prover tree) {
    return new HeadProof(
        head.grantId(),
        head.sequence(),
        head.hash(),
        index,
        tree.inclusionPath(index).stream().map(HEX::formatHex).toList());
  }

  private static List<byte[]> leaves(List<ChainHead> heads) {
    return heads.stream().map(ChainHead::leafHash).toList();
  }
}
