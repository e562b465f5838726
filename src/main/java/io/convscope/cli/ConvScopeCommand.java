package io.convscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code convscope <command>}: the engine from the command line. */
@Command(
        name = "convscope",
        mixinStandardHelpOptions = true,
        version = "ConvScope 0.1.0",
        description = "Look inside a convolutional neural network from the command line.",
        subcommands = {
            PredictCommand.class,
            EvaluateCommand.class,
            TrainCommand.class,
            BenchCommand.class,
            SummaryCommand.class,
            AttributeCommand.class
        })
public final class ConvScopeCommand implements Runnable {

    /** Exit code for every user error: bad option, missing file, unreadable image or model. */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and returns its exit code; errors are one line on stderr, never a stack trace. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Same, writing to the given streams (tests read them). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ConvScopeCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true); // train --optimizer sgd, --schedule step
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("convscope: " + parameterMessage(ex) + " (see --help)");
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("convscope: " + message(ex));
            return ex instanceof UserError ue ? ue.exitCode : USER_ERROR;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Picocli's message, except that a first word that is no command says so and lists the commands. */
    private static String parameterMessage(CommandLine.ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u
                && cl.getParent() == null
                && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")
                && !cl.getSubcommands().isEmpty()) {
            // picocli's "did you mean" guesses wildly (frobnicate -> evaluate); five names are quicker to read
            return "'" + u.getUnmatched().get(0) + "' is not a command; the commands are "
                    + String.join(", ", cl.getSubcommands().keySet());
        }
        return ex.getMessage();
    }

    private static String message(Exception ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank()
                ? ex.getClass().getSimpleName()
                : m.lines().findFirst().orElse(m);
    }

    /** An error whose message is meant for the user as it is. */
    static final class UserError extends RuntimeException {
        final int exitCode;

        UserError(String message) {
            super(message);
            this.exitCode = USER_ERROR;
        }
    }
}
