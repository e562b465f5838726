package io.convscope.network.caffe;

/**
 * Parses protobuf text format (what {@code .prototxt} files are) into a schema-less {@link ProtoMessage} tree.
 * <p>
 * Grammar: a message is a list of fields; a field is {@code name: scalar}, {@code name: [scalar, ...]},
 * {@code name { message }} or {@code name: { message }} ({@code < >} works like braces), optionally followed by
 * {@code ,} or {@code ;}. Scalars are identifiers ({@code MAX}, {@code true}), numbers ({@code -1}, {@code 0.5e-3},
 * {@code 1f}, {@code 0x1F}, {@code inf}) and strings in single or double quotes with C escapes ({@code \n}, {@code \"},
 * {@code \\}, octal {@code \101}, hex {@code \x41}); adjacent strings concatenate. {@code #} starts a comment to the
 * end of the line.
 */
public final class ProtoTextParser {

    /**
     * How deep messages may nest. Real networks nest 3-4 levels (layer, convolution_param, weight_filler); the limit
     * keeps a hostile file from exhausting the stack of this recursive parser.
     */
    static final int MAX_DEPTH = 100;

    private final String text;
    private int depth = -1; // the file itself is depth 0, each nested message one more
    private int pos;
    private int line = 1;
    private int lineStart;

    private ProtoTextParser(String text) {
        this.text = text;
    }

    public static ProtoMessage parse(String text) throws PrototxtException {
        ProtoTextParser p = new ProtoTextParser(text);
        ProtoMessage root = p.message('\0');
        p.skipSpace();
        if (p.pos < p.text.length()) {
            throw p.error("unexpected '" + p.text.charAt(p.pos) + "'");
        }
        return root;
    }

    /** Reads fields until {@code close} (or the end of the text for the root, {@code close == 0}). */
    private ProtoMessage message(char close) throws PrototxtException {
        if (++depth > MAX_DEPTH) {
            throw error("messages nest deeper than " + MAX_DEPTH + " levels");
        }
        ProtoMessage m = new ProtoMessage();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                if (close != '\0') {
                    throw error("missing '" + close + "' before the end of the file");
                }
                return m;
            }
            char c = text.charAt(pos);
            if (c == close) {
                pos++;
                depth--;
                return m;
            }
            if (!isIdentStart(c)) {
                throw error(
                        c == '}' || c == '>'
                                ? "unbalanced '" + c + "'"
                                : "expected a field name but found '" + c + "'");
            }
            int fieldLine = line;
            String name = identifier();
            skipSpace();
            boolean colon = peek(':');
            if (colon) {
                pos++;
                skipSpace();
            }
            if (peek('{') || peek('<')) {
                char open = text.charAt(pos++);
                m.add(new ProtoMessage.Field(name, message(open == '{' ? '}' : '>'), fieldLine));
            } else if (!colon) {
                throw error("expected ':' or '{' after " + name);
            } else if (peek('[')) {
                pos++;
                skipSpace();
                if (peek(']')) {
                    pos++;
                } else {
                    while (true) {
                        skipSpace();
                        if (peek('{') || peek('<')) {
                            char open = text.charAt(pos++);
                            m.add(new ProtoMessage.Field(name, message(open == '{' ? '}' : '>'), fieldLine));
                        } else {
                            m.add(new ProtoMessage.Field(name, scalar(), fieldLine));
                        }
                        skipSpace();
                        if (peek(',')) {
                            pos++;
                        } else if (peek(']')) {
                            pos++;
                            break;
                        } else {
                            throw error("expected ',' or ']' in the list of " + name);
                        }
                    }
                }
            } else {
                m.add(new ProtoMessage.Field(name, scalar(), fieldLine));
            }
            skipSpace();
            if (peek(',') || peek(';')) {
                pos++;
            }
        }
    }

    private ProtoMessage.Scalar scalar() throws PrototxtException {
        if (pos >= text.length()) {
            throw error("expected a value before the end of the file");
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            StringBuilder sb = new StringBuilder();
            do {
                string(sb);
                skipSpace();
            } while (peek('"') || peek('\''));
            return new ProtoMessage.Scalar(sb.toString(), ProtoMessage.Scalar.Kind.STRING);
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            int start = pos;
            pos++;
            while (pos < text.length()
                    && (Character.isLetterOrDigit(text.charAt(pos))
                            || text.charAt(pos) == '.'
                            || ((text.charAt(pos) == '-' || text.charAt(pos) == '+')
                                    && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
                pos++;
            }
            String number = text.substring(start, pos);
            if (!number.matches(
                    "[-+]?(0[xX][0-9a-fA-F]+|inf(inity)?|nan|(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?[fF]?)")) {
                pos = start;
                throw error("'" + number + "' is not a number");
            }
            return new ProtoMessage.Scalar(number, ProtoMessage.Scalar.Kind.NUMBER);
        }
        if (isIdentStart(c)) {
            return new ProtoMessage.Scalar(identifier(), ProtoMessage.Scalar.Kind.IDENTIFIER);
        }
        throw error("expected a value but found '" + c + "'");
    }

    private void string(StringBuilder sb) throws PrototxtException {
        int startLine = line;
        int startColumn = pos - lineStart + 1;
        char quote = text.charAt(pos++);
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw new PrototxtException("string not closed", startLine, startColumn);
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return;
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unfinished escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case '\\', '\'', '"', '?' -> sb.append(e);
                case 'x', 'X' -> {
                    int start = pos;
                    while (pos < text.length() && pos - start < 2 && Character.digit(text.charAt(pos), 16) >= 0) {
                        pos++;
                    }
                    if (pos == start) {
                        throw error("\\x needs hex digits");
                    }
                    sb.append((char) Integer.parseInt(text.substring(start, pos), 16));
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int start = pos - 1;
                        while (pos < text.length()
                                && pos - start < 3
                                && text.charAt(pos) >= '0'
                                && text.charAt(pos) <= '7') {
                            pos++;
                        }
                        sb.append((char) Integer.parseInt(text.substring(start, pos), 8));
                    } else {
                        pos--;
                        throw error("unknown escape \\" + e);
                    }
                }
            }
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos))
                        || text.charAt(pos) == '_'
                        || text.charAt(pos) == '.')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private PrototxtException error(String message) {
        return new PrototxtException(message, line, pos - lineStart + 1);
    }
}
