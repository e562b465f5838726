package io.convscope.network.caffe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A protobuf text-format message as parsed, without a schema: its fields in file order. Repeated fields are simply
 * several fields with the same name. Values are {@link ProtoMessage}s or {@link Scalar}s; accessors take defaults
 * because Caffe's schema makes almost every field optional.
 */
public final class ProtoMessage {

    /** One {@code name: value} or {@code name { ... }} entry; {@code line} is where it starts. */
    public record Field(String name, Object value, int line) {}

    /** A scalar as written: identifiers (enum values, {@code true}), numbers, and strings (unescaped). */
    public record Scalar(String text, Kind kind) {
        public enum Kind {
            IDENTIFIER,
            NUMBER,
            STRING
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final List<Field> fields = new ArrayList<>();

    void add(Field f) {
        fields.add(f);
    }

    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    public boolean has(String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name));
    }

    /** All values of a (repeated) field, in order. */
    public List<Object> values(String name) {
        return fields.stream()
                .filter(f -> f.name().equals(name))
                .map(Field::value)
                .toList();
    }

    /** All sub-messages named {@code name}. */
    public List<ProtoMessage> messages(String name) {
        return values(name).stream()
                .filter(ProtoMessage.class::isInstance)
                .map(ProtoMessage.class::cast)
                .toList();
    }

    /** The first sub-message named {@code name}, or an empty message (so chained reads fall back to defaults). */
    public ProtoMessage message(String name) {
        List<ProtoMessage> m = messages(name);
        return m.isEmpty() ? new ProtoMessage() : m.get(0);
    }

    /** The scalar texts of a repeated field, in order. */
    public List<String> strings(String name) {
        return values(name).stream()
                .filter(Scalar.class::isInstance)
                .map(v -> ((Scalar) v).text())
                .toList();
    }

    public String string(String name, String fallback) {
        List<String> s = strings(name);
        return s.isEmpty() ? fallback : s.get(0);
    }

    public List<Long> longs(String name) {
        List<Long> out = new ArrayList<>();
        for (String s : strings(name)) {
            out.add(parseLong(name, s));
        }
        return out;
    }

    public long longValue(String name, long fallback) {
        List<Long> v = longs(name);
        return v.isEmpty() ? fallback : v.get(0);
    }

    public int intValue(String name, int fallback) {
        return CaffeValues.toInt(name, longValue(name, fallback));
    }

    public double doubleValue(String name, double fallback) {
        String s = string(name, null);
        return s == null ? fallback : parseDouble(name, s);
    }

    /** A number as protobuf text writes it ({@code 0.5}, {@code 1e-3}, {@code 2f}, {@code inf}). */
    static double parseDouble(String name, String s) {
        // inf and nan first: "inf" ends in the f of a float suffix, and stripping it left "in", not a number
        switch (s.toLowerCase(Locale.ROOT).replaceFirst("^[-+]", "")) {
            case "inf", "infinity" -> {
                return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
                String plain = s.endsWith("f") || s.endsWith("F") ? s.substring(0, s.length() - 1) : s;
                try {
                    return Double.parseDouble(plain);
                } catch (NumberFormatException e) {
                    throw new CaffeValues.BadValue(name + " " + s + " is not a number");
                }
            }
        }
    }

    public boolean bool(String name, boolean fallback) {
        String s = string(name, null);
        if (s == null) {
            return fallback;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "t", "1" -> true;
            case "false", "f", "0" -> false;
            default -> throw new CaffeValues.BadValue(name + " " + s + " is not true or false");
        };
    }

    private static boolean looksNumeric(String s) {
        return s.matches("[-+]?(0[xX])?[0-9a-fA-F]+");
    }

    private static long parseLong(String name, String s) {
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s);
                if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                    return (long) d;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the readable error
            }
            throw new CaffeValues.BadValue(name + " " + s + (looksNumeric(s) ? " is too large" : " is not an integer"));
        }
    }
}
