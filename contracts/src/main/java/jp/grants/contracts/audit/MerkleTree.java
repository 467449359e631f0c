package jp.grants.contracts.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merkle trees exactly as RFC 9162 (Certificate Transparency 2.0) §2.1 defines them: the tree hash
 * of n leaves, audit (inclusion) paths and consistency proofs, and the RFC's algorithms that verify
 * them (§2.1.3.2, §2.1.4.2). Leaves are hashed as {@code SHA-256(0x00 || leaf)}, interior nodes as
 * {@code SHA-256(0x01 || left || right)}; a tree of n leaves splits at the largest power of two
 * smaller than n. Used by the grant-service to build checkpoints and proofs, and by the offline
 * verifier to check them.
 */
public final class MerkleTree {
  private MerkleTree() {}

  /** {@code SHA-256(0x00 || leaf)}. */
  public static byte[] leafHash(byte[] leaf) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x00);
    return sha.digest(leaf);
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x01);
    sha.update(left);
    return sha.digest(right);
  }

  /** MTH(D[n]) of leaves given by their leaf hashes; the hash of the empty string for none. */
  public static byte[] root(List<byte[]> leafHashes) {
    return root(leafHashes, 0, leafHashes.size());
  }

  /** PATH(m, D[n]): the audit path of leaf m in the tree of all given leaves, leaf side first. */
  public static List<byte[]> inclusionPath(List<byte[]> leafHashes, int m) {
    if (m < 0 || m >= leafHashes.size()) {
      throw new IllegalArgumentException("leaf " + m + " is not in a tree of " + leafHashes.size());
    }
    List<byte[]> path = new ArrayList<>();
    path(leafHashes, m, 0, leafHashes.size(), path, null);
    return path;
  }

  /** PROOF(m, D[n]): that the tree of the first m leaves is a prefix of the tree of all n. */
  public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int m) {
    int n = leafHashes.size();
    if (m < 1 || m > n) {
      throw new IllegalArgumentException("no consistency proof from " + m + " to " + n);
    }
    List<byte[]> proof = new ArrayList<>();
    subproof(leafHashes, m, 0, n, true, proof);
    return proof;
  }

  /** RFC 9162 §2.1.3.2: whether the path proves the leaf hash at the index of the tree's root. */
  public static boolean verifyInclusion(
      byte[] leafHash, long index, long treeSize, List<byte[]> path, byte[] root) {
    if (index < 0 || index >= treeSize) {
      return false;
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root);
  }

  /**
   * RFC 9162 §2.1.4.2: whether the proof shows the tree of size {@code first} with root {@code
   * firstRoot} to be a prefix of the tree of size {@code second} with root {@code secondRoot}.
   * Equal sizes need an empty proof and equal roots.
   */
  public static boolean verifyConsistency(
      long first, byte[] firstRoot, long second, byte[] secondRoot, List<byte[]> proof) {
    if (first < 1 || first > second) {
      return false;
    }
    if (first == second) {
      return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(first) == 1) {
      path.add(0, firstRoot);
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
  }

  private static byte[] root(List<byte[]> leaves, int from, int to) {
    return root(leaves, from, to, null);
  }

  private static byte[] root(List<byte[]> leaves, int from, int to, Map<Long, byte[]> memo) {
    int n = to - from;
    if (n == 0) {
      return sha256().digest();
    }
    if (n == 1) {
      return leaves.get(from);
    }
    Long key = ((long) from << 32) | to;
    byte[] known = memo == null ? null : memo.get(key);
    if (known != null) {
      return known;
    }
    int k = split(n);
    byte[] hash = nodeHash(root(leaves, from, from + k, memo), root(leaves, from + k, to, memo));
    if (memo != null) {
      memo.put(key, hash);
    }
    return hash;
  }

  /**
   * A tree that proves many leaves: each subtree's hash is computed once, so a path costs O(log n)
   * after the first.
   */
  public static final class Prover {
    private final List<byte[]> leaves;
    private final Map<Long, byte[]> memo = new HashMap<>();

    public Prover(List<byte[]> leafHashes) {
      this.leaves = List.copyOf(leafHashes);
    }

    public byte[] root() {
      return MerkleTree.root(leaves, 0, leaves.size(), memo);
    }

    public List<byte[]> inclusionPath(int m) {
      if (m < 0 || m >= leaves.size()) {
        throw new IllegalArgumentException("leaf " + m + " is not in a tree of " + leaves.size());
      }
      List<byte[]> path = new ArrayList<>();
      MerkleTree.path(leaves, m, 0, leaves.size(), path, memo);
      return path;
    }
  }

  private static void path(
      List<byte[]> leaves, int m, int from, int to, List<byte[]> out, Map<Long, byte[]> memo) {
    int n = to - from;
    if (n == 1) {
      return;
    }
    int k = split(n);
    if (m < k) {
      path(leaves, m, from, from + k, out, memo);
      out.add(root(leaves, from + k, to, memo));
    } else {
      path(leaves, m - k, from + k, to, out, memo);
      out.add(root(leaves, from, from + k, memo));
    }
  }

  private static void subproof(
      List<byte[]> leaves, int m, int from, int to, boolean complete, List<byte[]> out) {
    int n = to - from;
    if (m == n) {
      if (!complete) {
        out.add(root(leaves, from, to));
      }
      return;
    }
    int k = split(n);
    if (m <= k) {
      subproof(leaves, m, from, from + k, complete, out);
      out.add(root(leaves, from + k, to));
    } else {
      subproof(leaves, m - k, from + k, to, false, out);
      out.add(root(leaves, from, from + k));
    }
  }

  /** The largest power of two smaller than n (n > 1). */
  static int split(int n) {
    return Integer.highestOneBit(n - 1);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
