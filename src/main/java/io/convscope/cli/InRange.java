package io.convscope.cli;

import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.util.Locale;
import java.util.Stack;

/**
 * Checks a numeric option against its {@link Bounds} while picocli parses the command line, so a bad value stops
 * the command before any work, with one sentence naming the option and its range ("--lr must be a number greater
 * than 0 and at most 1, not NaN"). Picocli's own "'x' is not an int" names no range, and an int that overflows
 * (--batch 2147483648) would name none either; this parses every value as a long or a double first.
 */
final class InRange implements IParameterConsumer {

    /** The values an int, long or double option accepts. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD})
    @interface Bounds {
        double min();

        double max();

        /** Whether {@code min} itself is refused (a learning rate of 0 learns nothing). */
        boolean minExclusive() default false;
    }

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec arg, CommandSpec command) {
        String name = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
        Bounds bounds = ((AnnotatedElement) arg.userObject()).getAnnotation(Bounds.class);
        boolean whole = arg.type() == int.class || arg.type() == long.class;
        double min = bounds == null ? (whole ? Long.MIN_VALUE : -Double.MAX_VALUE) : bounds.min();
        double max = bounds == null ? (whole ? Long.MAX_VALUE : Double.MAX_VALUE) : bounds.max();
        if (arg.type() == int.class) {
            min = Math.max(min, Integer.MIN_VALUE);
            max = Math.min(max, Integer.MAX_VALUE);
        }
        boolean exclusive = bounds != null && bounds.minExclusive();
        String range = whole
                ? String.format(Locale.ROOT, "a whole number from %d to %d", (long) min, (long) max)
                : exclusive
                        ? "a number greater than " + plain(min) + " and at most " + plain(max)
                        : "a number from " + plain(min) + " to " + plain(max);
        if (args.isEmpty()) {
            throw new ParameterException(command.commandLine(), name + " needs a value: " + range);
        }
        String text = args.pop();
        try {
            if (whole) {
                long v = Long.parseLong(text.strip());
                // Compared as doubles: every bound used here is exact in a double.
                if (v >= min && v <= max) {
                    arg.setValue(arg.type() == int.class ? (Object) (int) v : (Object) v);
                    return;
                }
            } else {
                double v = Double.parseDouble(text.strip());
                if ((exclusive ? v > min : v >= min) && v <= max) {
                    arg.setValue(v);
                    return;
                }
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new ParameterException(command.commandLine(), name + " must be " + range + ", not " + text);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
