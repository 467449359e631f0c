package jp.grants.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document passes the official {@code @asyncapi/parser} (AsyncAPI 3.0.0 schema, its
 * Spectral rules, every $ref resolved, the JSON Schema files included). The parser is installed
 * from npm into {@code target/asyncapi-parser} once per clean build; the test is skipped, saying
 * so, only where Node.js and npm are not installed at all.
 */
class AsyncApiParserTest {
  static final String PARSER = "@asyncapi/parser@3.6.3";
  private static final Path TOOLS = CommittedSchemas.moduleDir().resolve("target/asyncapi-parser");

  @BeforeAll
  static void installParser() throws Exception {
    Assumptions.assumeTrue(
        runs("node", "--version") && runs("npm", "--version"),
        "Node.js and npm are not installed: the AsyncAPI parser check needs them");
    Path installed = TOOLS.resolve("node_modules/@asyncapi/parser/package.json");
    if (!Files.exists(installed)
        || !Files.readString(installed).contains("\"version\": \"3.6.3\"")) {
      Files.createDirectories(TOOLS);
      Result npm =
          run(
              TOOLS,
              600,
              "npm",
              "install",
              "--prefix",
              TOOLS.toString(),
              "--no-audit",
              "--no-fund",
              "--loglevel=error",
              PARSER);
      assertThat(npm.exit()).as("npm install " + PARSER + ":\n" + npm.output()).isZero();
    }
    try (InputStream script =
        AsyncApiParserTest.class.getResourceAsStream("/asyncapi/validate.mjs")) {
      Files.write(TOOLS.resolve("validate.mjs"), script.readAllBytes());
    }
  }

  @Test
  void theOfficialParserAcceptsTheDocumentWithoutErrorsOrWarnings() throws Exception {
    Result parsed = parse(AsyncApiDocumentTest.DOCUMENT);
    assertThat(parsed.exit()).as(parsed.output()).isZero();
    assertThat(parsed.output())
        .contains("\"channels\":7")
        .contains("\"operations\":11")
        .contains("\"messages\":46");
  }

  /**
   * The check is not vacuous: a document whose payload points at a schema version that does not
   * exist fails.
   */
  @Test
  void theParserRefusesADocumentWithADanglingSchemaReference() throws Exception {
    String text =
        Files.readString(AsyncApiDocumentTest.DOCUMENT)
            .replace(
                "../../contracts/",
                AsyncApiDocumentTest.DOCUMENT.getParent().resolve("../../contracts/").normalize()
                    + "/")
            .replace("jp.grants.grant.GrantClosed/1.json", "jp.grants.grant.GrantClosed/99.json");
    Path broken = TOOLS.resolve("broken/asyncapi.yaml");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, text);
    Result parsed = parse(broken);
    assertThat(parsed.exit()).as(parsed.output()).isNotZero();
    assertThat(parsed.output()).contains("invalid-ref").contains("GrantClosed/99.json");
  }

  private static Result parse(Path document) throws Exception {
    return run(TOOLS, 300, "node", TOOLS.resolve("validate.mjs").toString(), document.toString());
  }

  private static boolean runs(String... command) {
    try {
      return run(CommittedSchemas.moduleDir(), 60, command).exit() == 0;
    } catch (IOException e) {
      return false; // not installed
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  record Result(int exit, String output) {}

  /**
   * Runs a command to its end; the limit only guards against a hung tool, it asserts nothing about
   * speed.
   */
  private static Result run(Path directory, long limitSeconds, String... command) throws Exception {
    Path log = Files.createTempFile("asyncapi-", ".log");
    try {
      Process process =
          new ProcessBuilder(List.of(command))
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish: " + Files.readString(log));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
