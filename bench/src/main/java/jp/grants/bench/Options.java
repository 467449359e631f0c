package jp.grants.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jp.grants.bench.system.RestClient;
import jp.grants.launcher.LocalSystemConfig;

/**
 * The command line: {@code [--smoke] [--only 1,3] [--out DIR] [--project DIR] [--java-options ...]
 * [--client lean|jdk]}.
 *
 * @param only the scenarios to run (1 to 7); all when empty
 * @param client the HTTP client of the scenarios' hot loops
 */
public record Options(
    Sizes sizes,
    Set<Integer> only,
    Path output,
    Path project,
    Path work,
    List<String> javaOptions,
    RestClient.Kind client) {

  public static Options parse(String[] args) {
    boolean smoke = false;
    Set<Integer> only = new TreeSet<>();
    Path output = null;
    Path project = null;
    List<String> javaOptions = LocalSystemConfig.DEFAULT_JAVA_OPTIONS;
    RestClient.Kind client = RestClient.Kind.LEAN;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> smoke = true;
        case "--only" -> {
          for (String number : value(args, ++i).split(",")) {
            only.add(Integer.parseInt(number.trim()));
          }
        }
        case "--out" -> output = Path.of(value(args, ++i));
        case "--project" -> project = Path.of(value(args, ++i));
        case "--java-options" -> javaOptions = List.of(value(args, ++i).trim().split("\\s+"));
        case "--client" -> client = RestClient.Kind.parse(value(args, ++i));
        case "-h", "--help" -> throw new IllegalArgumentException(usage());
        default ->
            throw new IllegalArgumentException("unknown argument " + args[i] + "\n" + usage());
      }
    }
    return of(smoke ? Sizes.smoke() : Sizes.full(), only, output, project)
        .withJavaOptions(javaOptions)
        .withClient(client);
  }

  /** The services' JVM options (default: the launcher's). */
  public Options withJavaOptions(List<String> options) {
    return new Options(sizes, only, output, project, work, List.copyOf(options), client);
  }

  /** The HTTP client of the hot loops (default: the lean one). */
  public Options withClient(RestClient.Kind kind) {
    return new Options(sizes, only, output, project, work, javaOptions, kind);
  }

  /**
   * Defaults: the project this jar belongs to; results in bench/results (smoke:
   * bench/target/smoke-results).
   */
  public static Options of(Sizes sizes, Set<Integer> only, Path output, Path project) {
    Path root = (project != null ? project : projectDirectory()).toAbsolutePath().normalize();
    Path out =
        output != null
            ? output
            : root.resolve(sizes.smokeMode() ? "bench/target/smoke-results" : "bench/results");
    return new Options(
        sizes,
        Set.copyOf(only),
        out,
        root,
        root.resolve("bench/target/run"),
        LocalSystemConfig.DEFAULT_JAVA_OPTIONS,
        RestClient.Kind.LEAN);
  }

  public boolean runs(int scenario) {
    return only.isEmpty() || only.contains(scenario);
  }

  static String usage() {
    return """
        Usage: ./bench.sh [--smoke] [--only 1,3,...] [--out DIR]
          (or java -jar bench/target/grants-bench.jar with the same arguments, after ./mvnw -B -q install -DskipTests)
          --smoke   a few seconds per scenario; figures printed, goals not asserted
          --only    run only these scenarios (1 command append, 2 replay, 3 publication,
                    4 cap-checked disbursements, 5 read model, 6 start-up and memory,
                    7 disbursement storm)
          --out     where latest.md and latest.json go (default bench/results; smoke: bench/target/smoke-results)
          --java-options "..."  the services' JVM options instead of the launcher's (-Xmx384m), for experiments
          --client lean|jdk     the hot loops' HTTP client: the lean one (default) or the JDK's HttpClient,
                                to compare what the load generator itself costs (CPU notes: "bench clients")
          --project DIR         the checkout whose packaged services to run (default: the one this jar is in)""";
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + usage());
    }
    return args[i];
  }

  /**
   * The build sets grants.project.dir; a jar finds the checkout it lies in; else the working
   * directory.
   */
  static Path projectDirectory() {
    String configured = System.getProperty("grants.project.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    try {
      Path location =
          Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path candidate = location; candidate != null; candidate = candidate.getParent()) {
        if (Files.isDirectory(candidate.resolve("grant-service"))
            && Files.exists(candidate.resolve("pom.xml"))) {
          return candidate;
        }
      }
    } catch (URISyntaxException | SecurityException e) {
      // the working directory then
    }
    return Path.of("").toAbsolutePath();
  }
}
