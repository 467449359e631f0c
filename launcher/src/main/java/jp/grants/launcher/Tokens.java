package jp.grants.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.grants.infra.JwtKeys;

/** One ready-to-use bearer token per role, for trying the APIs by hand. */
public final class Tokens {
  /**
   * The roles of the platform (jp.grants.platform.security.Roles), in the order a person meets
   * them.
   */
  public static final List<String> ROLES =
      List.of(
          "applicant",
          "program-officer",
          "reviewer",
          "committee-chair",
          "finance",
          "auditor",
          "admin");

  /**
   * A working day and then some: long enough not to expire during a session, short enough to
   * matter.
   */
  public static final Duration VALIDITY = Duration.ofHours(12);

  private Tokens() {}

  /** Role → signed token whose subject is {@code local-<role>}. */
  public static Map<String, String> issue(JwtKeys keys) {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String role : ROLES) {
      tokens.put(role, keys.token("local-" + role, role, VALIDITY));
    }
    return tokens;
  }

  /** {@code TOKEN_PROGRAM_OFFICER} for {@code program-officer}. */
  public static String variableName(String role) {
    return "TOKEN_" + role.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * Writes {@code TOKEN_<ROLE>=...} lines that a shell can {@code source}; readable by the owner
   * only.
   */
  public static void write(Map<String, String> tokens, Path file) {
    StringBuilder text =
        new StringBuilder("# Bearer tokens of this local run (valid ")
            .append(VALIDITY.toHours())
            .append(" h). Use: source ")
            .append(file.getFileName())
            .append(" && curl -H \"Authorization: Bearer $TOKEN_APPLICANT\" ...\n");
    tokens.forEach(
        (role, token) -> text.append(variableName(role)).append('=').append(token).append('\n'));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
