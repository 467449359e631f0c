package jp.grants.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Merkle tree code against RFC 9162 §2.1: the Certificate Transparency test vectors (the eight
 * leaves and tree roots of RFC 6962's reference tests), roots recomputed independently from the
 * definition, and every inclusion and consistency proof of trees of up to 40 leaves verified by the
 * RFC's algorithms, each refused once altered.
 */
class MerkleTreeTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String[] CT_LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };
  private static final String[] CT_ROOTS = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  @Test
  void shouldComputeTheCertificateTransparencyTestRoots() {
    for (int n = 1; n <= CT_LEAVES.length; n++) {
      List<byte[]> leaves = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        leaves.add(MerkleTree.leafHash(HEX.parseHex(CT_LEAVES[i])));
      }
      assertThat(HEX.formatHex(MerkleTree.root(leaves)))
          .as("root of %d leaves", n)
          .isEqualTo(CT_ROOTS[n - 1]);
    }
  }

  @Test
  void shouldHashTheEmptyTreeAsTheHashOfTheEmptyString() throws Exception {
    assertThat(MerkleTree.root(List.of()))
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
  }

  /** MTH by the RFC's definition, written out again with byte arrays and no shared code. */
  private static byte[] definition(List<byte[]> leaves) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    if (leaves.size() == 1) {
      sha.update((byte) 0);
      return sha.digest(leaves.get(0));
    }
    int k = 1;
    while (k * 2 < leaves.size()) {
      k *= 2;
    }
    byte[] left = definition(leaves.subList(0, k));
    byte[] right = definition(leaves.subList(k, leaves.size()));
    sha.update((byte) 1);
    sha.update(left);
    return sha.digest(right);
  }

  private static List<byte[]> data(int n) {
    List<byte[]> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      data.add(("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return data;
  }

  private static List<byte[]> hashes(List<byte[]> data) {
    return data.stream().map(MerkleTree::leafHash).toList();
  }

  @Test
  void shouldAgreeWithTheDefinitionForEverySizeUpTo40() throws Exception {
    for (int n = 1; n <= 40; n++) {
      assertThat(MerkleTree.root(hashes(data(n)))).as("size %d", n).isEqualTo(definition(data(n)));
    }
  }

  @Test
  void shouldProveAndVerifyEveryLeafOfEveryTreeUpTo40() {
    for (int n = 1; n <= 40; n++) {
      List<byte[]> leaves = hashes(data(n));
      byte[] root = MerkleTree.root(leaves);
      for (int m = 0; m < n; m++) {
        List<byte[]> path = MerkleTree.inclusionPath(leaves, m);
        MerkleTree.Prover prover = new MerkleTree.Prover(leaves);
        assertThat(prover.root()).isEqualTo(root);
        assertThat(prover.inclusionPath(m)).containsExactlyElementsOf(path);
        assertThat(MerkleTree.verifyInclusion(leaves.get(m), m, n, path, root))
            .as("leaf %d of %d", m, n)
            .isTrue();
        assertThat(
                MerkleTree.verifyInclusion(MerkleTree.leafHash(new byte[] {9}), m, n, path, root))
            .as("another leaf at %d of %d", m, n)
            .isFalse();
        if (n > 1) {
          assertThat(MerkleTree.verifyInclusion(leaves.get(m), (m + 1) % n, n, path, root))
              .as("leaf %d of %d at the wrong index", m, n)
              .isFalse();
          assertThat(
                  MerkleTree.verifyInclusion(
                      leaves.get(m), m, n, path.subList(1, path.size()), root))
              .as("shortened path %d of %d", m, n)
              .isFalse();
        }
      }
    }
  }

  @Test
  void shouldProveAndVerifyConsistencyBetweenEveryPairOfSizesUpTo40() {
    List<byte[]> leaves = hashes(data(40));
    for (int n = 1; n <= 40; n++) {
      byte[] second = MerkleTree.root(leaves.subList(0, n));
      for (int m = 1; m <= n; m++) {
        byte[] first = MerkleTree.root(leaves.subList(0, m));
        List<byte[]> proof = MerkleTree.consistencyProof(leaves.subList(0, n), m);
        assertThat(MerkleTree.verifyConsistency(m, first, n, second, proof))
            .as("%d -> %d", m, n)
            .isTrue();
        if (m < n) {
          List<byte[]> forged = new ArrayList<>(proof);
          byte[] changed = forged.get(0).clone();
          changed[0] ^= 1;
          forged.set(0, changed);
          assertThat(MerkleTree.verifyConsistency(m, first, n, second, forged))
              .as("altered proof %d -> %d", m, n)
              .isFalse();
          // a first tree that is not a prefix: its last leaf replaced
          List<byte[]> other = new ArrayList<>(leaves.subList(0, m));
          other.set(m - 1, MerkleTree.leafHash(new byte[] {7}));
          assertThat(MerkleTree.verifyConsistency(m, MerkleTree.root(other), n, second, proof))
              .as("rewritten prefix %d -> %d", m, n)
              .isFalse();
        }
      }
    }
  }

  @Test
  void shouldMatchTheCertificateTransparencyConsistencyExampleShape() {
    // RFC 9162 §2.1.5: from 3 to 7 leaves the proof is [c, d, g, l] (4 hashes); from 4 to 7 [l];
    // from 6 to 7 [i, j, k]
    List<byte[]> leaves = hashes(data(7));
    assertThat(MerkleTree.consistencyProof(leaves, 3)).hasSize(4);
    assertThat(MerkleTree.consistencyProof(leaves, 4)).hasSize(1);
    assertThat(MerkleTree.consistencyProof(leaves, 6)).hasSize(3);
    // and the audit path of d0 in the 7-leaf tree is [b, h, l] (§2.1.3.3)
    List<byte[]> path = MerkleTree.inclusionPath(leaves, 0);
    assertThat(path).hasSize(3);
    assertThat(Arrays.equals(path.get(0), leaves.get(1))).isTrue();
    assertThat(Arrays.equals(path.get(2), MerkleTree.root(leaves.subList(4, 7)))).isTrue();
  }
}
