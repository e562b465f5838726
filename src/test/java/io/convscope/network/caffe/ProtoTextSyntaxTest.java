package io.convscope.network.caffe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protobuf text format, form by form: string escapes, numbers in every spelling the parser documents, comments,
 * nested messages with and without ':', repeated fields, and malformed input refused with the line it is on.
 */
class ProtoTextSyntaxTest {

    private static ProtoMessage.Scalar only(String text) throws PrototxtException {
        List<Object> values = ProtoTextParser.parse(text).values("v");
        assertEquals(1, values.size(), text);
        return (ProtoMessage.Scalar) values.get(0);
    }

    private static String string(String literal) throws PrototxtException {
        ProtoMessage.Scalar s = only("v: " + literal);
        assertEquals(ProtoMessage.Scalar.Kind.STRING, s.kind(), literal);
        return s.text();
    }

    // ---- strings

    @Test
    void simpleEscapes() throws Exception {
        assertEquals("a\nb", string("\"a\\nb\""));
        assertEquals("a\tb", string("\"a\\tb\""));
        assertEquals("a\rb", string("\"a\\rb\""));
        assertEquals("say \"hi\"", string("\"say \\\"hi\\\"\""));
        assertEquals("back\\slash", string("\"back\\\\slash\""));
        assertEquals("it's", string("'it\\'s'"));
        assertEquals("\"in single\"", string("'\"in single\"'"), "the other quote needs no escape");
        assertEquals("?", string("\"\\?\""));
        assertEquals("\u0007\b\f\u000b", string("\"\\a\\b\\f\\v\""));
    }

    @Test
    void octalAndHexEscapes() throws Exception {
        assertEquals("A", string("\"\\101\""));
        assertEquals("\u0000", string("\"\\0\""));
        assertEquals("9", string("\"\\71\""), "\\71 is octal 57, the digit nine");
        assertEquals("A1", string("\"\\1011\""), "octal stops after three digits");
        assertEquals("A", string("\"\\x41\""));
        assertEquals("J", string("\"\\X4a\""));
        assertEquals("\u00012", string("\"\\x012\""), "hex stops after two digits");
        assertEquals("\u000fg", string("\"\\xfg\""), "hex stops at the first non-hex digit");
    }

    @Test
    void adjacentStringsJoinAcrossSpaceAndLines() throws Exception {
        assertEquals("abcd", string("\"ab\" 'c'\n  \"d\""));
        assertEquals("", string("\"\""));
    }

    @Test
    void aHashInsideAStringIsText() throws Exception {
        ProtoMessage m = ProtoTextParser.parse("v: \"a # not a comment\" # a comment\nw: 'x#y'");
        assertEquals("a # not a comment", m.string("v", null));
        assertEquals("x#y", m.string("w", null));
    }

    // ---- numbers

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"0 | 0", "42 | 42", "-7 | -7", "+7 | 7", "0x1F | 31", "0XfF | 255", "1e3 | 1000", "-2E+2 | -200"})
    void integersInEveryForm(String literal, long expected) throws Exception {
        assertEquals(ProtoMessage.Scalar.Kind.NUMBER, only("v: " + literal).kind(), literal);
        assertEquals(expected, ProtoTextParser.parse("v: " + literal).longValue("v", -1), literal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.5 | 1.5",
                "-0.25 | -0.25",
                ".5 | 0.5",
                "-.5 | -0.5",
                "5. | 5",
                "1e-3 | 0.001",
                "2.5E2 | 250",
                "1.0e+1 | 10",
                "0.5f | 0.5",
                "3F | 3",
                "1e-3f | 0.001"
            })
    void floatsInEveryForm(String literal, double expected) throws Exception {
        assertEquals(ProtoMessage.Scalar.Kind.NUMBER, only("v: " + literal).kind(), literal);
        assertEquals(expected, ProtoTextParser.parse("v: " + literal).doubleValue("v", Double.NaN), 1e-12, literal);
    }

    @Test
    void infinityAndNan() throws Exception {
        assertEquals(Double.POSITIVE_INFINITY, ProtoTextParser.parse("v: inf").doubleValue("v", 0));
        assertEquals(
                Double.POSITIVE_INFINITY, ProtoTextParser.parse("v: infinity").doubleValue("v", 0));
        assertEquals(Double.NEGATIVE_INFINITY, ProtoTextParser.parse("v: -inf").doubleValue("v", 0));
        assertEquals(
                Double.NEGATIVE_INFINITY, ProtoTextParser.parse("v: -infinity").doubleValue("v", 0));
        assertTrue(Double.isNaN(ProtoTextParser.parse("v: nan").doubleValue("v", 0)));
    }

    @Test
    void numbersEndAtTheirSeparators() throws Exception {
        ProtoMessage m = ProtoTextParser.parse("a: 1,b: -2;c: .5 d:3");
        assertEquals(1, m.longValue("a", 0));
        assertEquals(-2, m.longValue("b", 0));
        assertEquals(0.5, m.doubleValue("c", 0));
        assertEquals(3, m.longValue("d", 0));
    }

    // ---- comments

    @Test
    void commentsAtLineStartAfterValuesAndAtTheEnd() throws Exception {
        ProtoMessage m = ProtoTextParser.parse(
                """
                # a whole line
                   # indented
                a: 1 # after a value
                b { # after a brace
                  c: 2#touching
                } # after a closing brace
                # the last line, without a newline""");
        assertEquals(1, m.longValue("a", 0));
        assertEquals(2, m.message("b").longValue("c", 0));
        assertEquals(2, m.fields().size());
        assertEquals(0, ProtoTextParser.parse("# only a comment").fields().size());
        assertEquals(0, ProtoTextParser.parse("").fields().size());
    }

    // ---- messages and repetition

    @Test
    void nestedMessagesWithAndWithoutColonAndAngleBrackets() throws Exception {
        ProtoMessage m = ProtoTextParser.parse("a { x: 1 } b: { x: 2 } c < x: 3 > d: < e { x: 4 } >");
        assertEquals(1, m.message("a").longValue("x", 0));
        assertEquals(2, m.message("b").longValue("x", 0));
        assertEquals(3, m.message("c").longValue("x", 0));
        assertEquals(4, m.message("d").message("e").longValue("x", 0));
        assertEquals(0, ProtoTextParser.parse("a {}").message("a").fields().size(), "an empty message");
    }

    @Test
    void repeatedFieldsKeepTheirOrderWrittenEitherWay() throws Exception {
        ProtoMessage m = ProtoTextParser.parse(
                """
                top: "a"
                other: 0
                top: "b"
                top: ["c", 'd']
                dim: []
                layer: [{ name: "x" }, < name: "y" >]
                layer { name: "z" }
                """);
        assertEquals(List.of("a", "b", "c", "d"), m.strings("top"));
        assertEquals(List.of(), m.values("dim"), "an empty list is allowed and adds nothing");
        assertEquals(
                List.of("x", "y", "z"),
                m.messages("layer").stream().map(l -> l.string("name", null)).toList());
        assertEquals(
                List.of(1, 3, 4, 4, 6, 6, 7),
                m.fields().stream()
                        .filter(f -> !f.name().equals("other"))
                        .map(ProtoMessage.Field::line)
                        .toList(),
                "each field knows its line");
    }

    @Test
    void identifiersAreScalarsOfTheirOwnKind() throws Exception {
        ProtoMessage.Scalar s = only("v: MAX");
        assertEquals(ProtoMessage.Scalar.Kind.IDENTIFIER, s.kind());
        assertEquals("MAX", s.text());
        assertTrue(ProtoTextParser.parse("v: true").bool("v", false));
        assertEquals("a.b_c", only("v: a.b_c").text());
    }

    // ---- malformed input

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                // what it is            | text                                | line | message starts with
                "unterminated string     | a: 1\\nname: \"open                  | 2    | string not closed",
                "string across a line    | a: 'one\\ntwo'                       | 1    | string not closed",
                "missing closing brace   | layer {\\n  a: 1\\n                  | 3    | missing '}'",
                "missing closing angle   | layer <\\n  a: 1                     | 2    | missing '>'",
                "stray closing brace     | a: 1\\n}                             | 2    | unbalanced '}'",
                "stray brace after value | a: 1\\nb { c: 2 } }                  | 2    | unbalanced '}'",
                "bad number              | a: 1\\nb: 1.2.3                      | 2    | '1.2.3' is not a number",
                "bad exponent            | \\n\\nb: 1e                          | 3    | '1e' is not a number",
                "two signs               | b: --1                               | 1    | '-' is not a number",
                "number then letters     | b: 12abc                             | 1    | '12abc' is not a number",
                "missing value           | a: 1\\nb:                            | 2    | expected a value",
                "missing colon           | a: 1\\nb 2                           | 2    | expected ':' or '{' after b",
                "unknown escape          | a: \"\\q\"                           | 1    | unknown escape",
                "hex escape without hex  | \\na: \"\\xg\"                       | 2    | \\x needs hex digits",
                "unclosed list           | a: [1, 2                             | 1    | expected ',' or ']'",
                "field name is a number  | 1: 2                                 | 1    | expected a field name"
            })
    void malformedInputIsRefusedWithItsLine(String what, String text, int line, String message) {
        String source = text.replace("\\n", "\n");
        PrototxtException e = assertThrows(PrototxtException.class, () -> ProtoTextParser.parse(source), what);
        assertEquals(line, e.line(), what + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ", column "), e.getMessage());
        assertTrue(e.getMessage().contains(": " + message), what + ": " + e.getMessage());
    }
}
