package io.pipelinemanager.embedded.cli;

import io.pipelinemanager.core.api.ManagerException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code pipeline-manager} command line over given output streams and environment: {@link Main} runs it
 * for the process, tests run it in-process. Operator errors are one line on standard error and an exit code
 * from {@link ExitCodes}; only an unexpected failure prints a stack trace.
 */
public final class Cli {

    private final CommandLine commandLine;
    private final ServerMode serverMode;

    /**
     * @param env          the environment layer of the configuration ({@code System.getenv()} for the process)
     * @param out          standard output (results, the server's address)
     * @param err          standard error (one-line errors, usage)
     * @param shutdownHook whether a server mode stops on the JVM's shutdown (Ctrl-C, SIGTERM)
     */
    public Cli(Map<String, String> env, PrintWriter out, PrintWriter err, boolean shutdownHook) {
        this.serverMode = new ServerMode(shutdownHook);
        this.commandLine = new CommandLine(new ManagerCommand(Map.copyOf(env), serverMode))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Cli::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd));
    }

    /** Parses {@code args} and runs the command; a server mode returns only after {@link #stop()}. */
    public int run(String... args) {
        return commandLine.execute(args);
    }

    /** Waits until a server mode listens; false after the timeout. */
    public boolean awaitStarted(long timeout, TimeUnit unit) throws InterruptedException {
        return serverMode.awaitStarted(timeout, unit);
    }

    /** The running server's root URL ({@code http://host:port/}), once started. */
    public URI serverUri() {
        return serverMode.uri();
    }

    /** Stops a server mode and waits until it has stopped. */
    public void stop() {
        serverMode.stop();
    }

    private static int usageError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println(e.getMessage() + " (pipeline-manager --help lists the options)");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        int code;
        if (e instanceof OperatorError operator) {
            err.println(operator.getMessage());
            code = operator.exitCode();
        } else if (e instanceof ManagerException manager) {
            OperatorError operator = Failures.operatorError(manager, ExitCodes.DATABASE_UNREACHABLE);
            err.println(operator.getMessage());
            code = operator.exitCode();
        } else {
            err.println("Internal error: " + e);
            e.printStackTrace(err);
            code = ExitCodes.INTERNAL;
        }
        err.flush();
        return code;
    }
}
