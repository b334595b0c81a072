package dev.strata.builder.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strata.builder.build.BuildException;
import dev.strata.builder.build.BuildListener;
import dev.strata.builder.build.BuildRequest;
import dev.strata.builder.build.BuildResult;
import dev.strata.builder.build.Builder;
import dev.strata.builder.build.ImageSink;
import dev.strata.builder.cache.BlobStore;
import dev.strata.builder.output.OciLayoutSink;
import dev.strata.builder.run.ProotRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;

/**
 * {@code strata build}: progress on stderr, the result as one JSON object on stdout, and an exit
 * code that is 0 only when the image was stored under every destination.
 */
public final class Main {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || !args.get(0).equals("build")) {
      err.println(BuildOptions.USAGE);
      return 2;
    }
    BuildOptions options;
    try {
      options = BuildOptions.parse(args.subList(1, args.size()));
    } catch (BuildOptions.UsageException e) {
      err.println("strata: " + e.getMessage());
      err.println(BuildOptions.USAGE);
      return 2;
    }
    Path workDir = null;
    Thread cleanup = null;
    try {
      checkResultFile(options);
      workDir = Files.createTempDirectory("strata-build-");
      cleanup = removeOnExit(workDir);
      BuildResult result = build(options, workDir, err);
      String json = JSON.writeValueAsString(result);
      out.println(json);
      writeResultFile(options, json);
      return 0;
    } catch (BuildException e) {
      return fail(options, err, e.getMessage(), e.line());
    } catch (IOException e) {
      return fail(options, err, Failures.describe(e), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("strata: interrupted");
      return 130;
    } catch (RuntimeException e) {
      // A bug of ours, not the user's: still one line, and the trace only when asked for.
      if (System.getenv("STRATA_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return fail(
          options,
          err,
          "unexpected failure ("
              + e.getClass().getSimpleName()
              + "): "
              + e.getMessage()
              + "; rerun with STRATA_DEBUG=1 for details",
          0);
    } finally {
      if (cleanup != null) {
        Runtime.getRuntime().removeShutdownHook(cleanup);
        cleanup.run();
      }
    }
  }

  private static int fail(BuildOptions options, PrintStream err, String message, int line) {
    err.println("strata: error: " + message);
    writeFailure(options, message, line);
    return 1;
  }

  /** Removes the unpacked stages at the end, and on Ctrl-C or SIGTERM too. */
  private static Thread removeOnExit(Path workDir) {
    Thread hook =
        new Thread(
            () -> {
              try {
                if (Files.exists(workDir)) {
                  PathUtils.deleteDirectory(workDir);
                }
              } catch (IOException e) {
                System.err.println(
                    "strata: could not remove " + workDir + ": " + Failures.describe(e));
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** A result file that cannot be written fails the build before it starts, not after. */
  private static void checkResultFile(BuildOptions options) throws BuildException {
    if (options.resultFile().isEmpty()) {
      return;
    }
    Path file = options.resultFile().get().toAbsolutePath();
    boolean writable =
        Files.exists(file)
            ? Files.isWritable(file)
            : file.getParent() != null && Files.isWritable(file.getParent());
    if (!writable || Files.isDirectory(file)) {
      throw new BuildException(
          0, "--result-file " + file + " cannot be written; give a " + "writable file path");
    }
  }

  private static BuildResult build(BuildOptions options, Path workDir, PrintStream err)
      throws BuildException, IOException, InterruptedException {
    Path cacheDir = options.cacheDir().orElse(defaultCacheDir());
    BuildRequest request =
        new BuildRequest(
            options.context(),
            options.file(),
            options.destinations(),
            options.buildArgs(),
            options.target(),
            cacheDir,
            workDir);
    BlobStore blobs = new BlobStore(cacheDir);
    Registries registries = new Registries(options, blobs, progress(err));
    ImageSink sink =
        options.ociLayout().isPresent()
            ? new OciLayoutSink(options.ociLayout().get(), blobs)
            : registries.sink();
    Builder builder =
        new Builder(ProotRunner.fromEnvironment(workDir.resolve("proot-tmp")), progress(err));
    return builder.build(request, registries.baseImages(), sink);
  }

  private static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("strata");
  }

  private static BuildListener progress(PrintStream err) {
    return new BuildListener() {
      @Override
      public void step(int number, int total, String instruction) {
        err.println("step " + number + "/" + total + ": " + instruction);
      }

      @Override
      public void output(String line) {
        err.println("  | " + line);
      }

      @Override
      public void info(String message) {
        err.println("  " + message);
      }
    };
  }

  private static void writeResultFile(BuildOptions options, String json) throws IOException {
    if (options.resultFile().isPresent()) {
      Files.writeString(options.resultFile().get(), json + "\n");
    }
  }

  private static void writeFailure(BuildOptions options, String message, int line) {
    if (options.resultFile().isEmpty()) {
      return;
    }
    Map<String, Object> failure = new LinkedHashMap<>();
    failure.put("error", message);
    failure.put("line", line);
    try {
      Files.writeString(options.resultFile().get(), JSON.writeValueAsString(failure) + "\n");
    } catch (IOException e) {
      System.err.println("strata: could not write the result file: " + e.getMessage());
    }
  }
}
