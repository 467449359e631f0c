package jp.grants.contracts.audit;

import java.nio.charset.StandardCharsets;

/**
 * A grant's chain head as a checkpoint records it: the newest event's sequence and hash. Its leaf
 * bytes in the checkpoint's Merkle tree are the UTF-8 text {@code <grantId>\n<sequence>\n<hash>}
 * (the hash in lower-case hex); the tree's leaves are ordered by grant id (code-point order of the
 * lower-case UUID text).
 */
public record ChainHead(String grantId, long sequence, String hash) {
  public byte[] leaf() {
    return (grantId + "\n" + sequence + "\n" + hash).getBytes(StandardCharsets.UTF_8);
  }

  public byte[] leafHash() {
    return MerkleTree.leafHash(leaf());
  }
}
