package io.pipelinemanager.embedded.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;

/** {@code java -jar pipeline-manager.jar [options]}: the process entry point of {@link Cli}. */
public final class Main {

    /** Options after which the process only prints or touches the database and exits. */
    private static final Set<String> ONE_SHOT = Set.of("--migrate-database", "--probe-db", "--dump-openapi",
            "--print-banner", "--create-api-key", "--help", "-h", "--version", "-V");

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging(List.of(args).stream().anyMatch(ONE_SHOT::contains));
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        int code = new Cli(System.getenv(), out, err, true).run(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The jar logs through slf4j-simple to standard error: timestamps for the server, only warnings for
     * one-shot tasks (whose output is their result). Hibernate's jboss-logging goes the same way. A {@code -D}
     * on the command line wins over these defaults.
     */
    private static void configureLogging(boolean oneShot) {
        System.setProperty("org.jboss.logging.provider", System.getProperty("org.jboss.logging.provider", "slf4j"));
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", oneShot ? "warn" : "info");
        defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        defaultProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        defaultProperty("org.slf4j.simpleLogger.showThreadName", "false");
        defaultProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        defaultProperty("org.slf4j.simpleLogger.showLogName", "false");
        // java.util.logging (RESTEasy's and the embedded server's own lines): one line each, in the same shape.
        defaultProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s - %5$s%6$s%n");
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
