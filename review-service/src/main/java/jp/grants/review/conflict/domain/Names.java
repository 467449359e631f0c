package jp.grants.review.conflict.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Names of people and institutions compared as people read them: full-width and half-width forms,
 * accents, case, punctuation and spacing do not make two names different ("Kyoto University",
 * "KYOTO UNIVERSITY", "Ｋｙｏｔｏ University" are one institution).
 */
public final class Names {
  private Names() {}

  public static String normalize(String name) {
    if (name == null) {
      return "";
    }
    String folded =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    return folded.replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }

  public static boolean same(String a, String b) {
    String left = normalize(a);
    return !left.isEmpty() && left.equals(normalize(b));
  }
}
