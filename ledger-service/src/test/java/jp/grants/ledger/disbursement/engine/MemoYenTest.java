package jp.grants.ledger.disbursement.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The journal memo's amounts read as {@code String.format("%,d yen")} writes them with comma
 * grouping.
 */
class MemoYenTest {
  @Test
  void shouldGroupThousandsLikeTheFormatter() {
    long[] amounts = {
      0,
      1,
      12,
      999,
      1_000,
      47_000,
      123_456,
      1_000_000,
      7_200_000_000L,
      1_000_000_000_000L,
      -1,
      -999,
      -1_000,
      -1_234_567,
      Long.MAX_VALUE,
      Long.MIN_VALUE
    };
    for (long amount : amounts) {
      assertThat(DisbursementBatch.yen(amount))
          .isEqualTo(String.format(Locale.ROOT, "%,d yen", amount));
    }
    assertThat(DisbursementBatch.yen(14_100_000)).isEqualTo("14,100,000 yen");
  }
}
