package jp.grants.platform.web;

/**
 * The characters no input of the API may carry: the C0 controls (U+0000 to U+001F) and DEL
 * (U+007F). PostgreSQL refuses U+0000 in a text (a request with one would end in a 500), and the
 * others have no business in an identifier, a name or a header, where they break logs, CSV exports
 * and terminals. Free text written by people (a reason, a summary, a comment) may hold line breaks
 * and tabs ({@link FreeText}); nothing else.
 */
public final class ControlCharacters {
  /** What a refusal says about the rule, in every service. */
  public static final String RULE =
      "must not contain control characters (U+0000 to U+001F, U+007F)";

  public static final String FREE_TEXT_RULE =
      "must not contain control characters other than tab, line feed and carriage return (U+0000 to U+001F, U+007F)";

  private ControlCharacters() {}

  /** The index of the first forbidden character of {@code text}, or -1 when there is none. */
  public static int firstForbidden(CharSequence text, boolean freeText) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 || c == 0x7F) && !(freeText && (c == '\t' || c == '\n' || c == '\r'))) {
        return i;
      }
    }
    return -1;
  }

  /** The character as {@code U+0000}, for a message. */
  public static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }

  /**
   * {@code text} fit for a message: each control character as {@code \\uXXXX}, at most 100
   * characters.
   */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 100; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
