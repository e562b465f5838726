package io.convscope.network.caffe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtoTextParserTest {

    @Test
    void readsScalarsMessagesRepeatedFieldsAndComments() throws Exception {
        ProtoMessage m = ProtoTextParser.parse(
                """
                name: "net" # a comment with "quotes" and { braces
                input_dim: 1 input_dim: 3
                layer { name: 'a' type: "ReLU" }
                layer: { name: "b", param < lr_mult: 1.5e-1 >; }
                shape: [1, -2, 0x10]
                flag: true
                """);
        assertEquals("net", m.string("name", null));
        assertEquals(List.of(1L, 3L), m.longs("input_dim"));
        assertEquals(2, m.messages("layer").size());
        assertEquals("ReLU", m.messages("layer").get(0).string("type", null));
        assertEquals(0.15, m.messages("layer").get(1).message("param").doubleValue("lr_mult", 0), 1e-12);
        assertEquals(List.of(1L, -2L, 16L), m.longs("shape"));
        assertTrue(m.bool("flag", false));
        assertFalse(m.message("missing").has("anything"), "a missing message reads as empty");
    }

    @Test
    void unescapesStringsAndJoinsAdjacentOnes() throws Exception {
        ProtoMessage m = ProtoTextParser.parse("s: \"a\\\"b\\\\c\\n\\x41\\101\" 'd\\'e'");
        assertEquals("a\"b\\c\nAAd'e", m.string("s", null));
    }

    @Test
    void syntaxErrorsSayLineAndColumn() {
        PrototxtException e = assertThrows(
                PrototxtException.class, () -> ProtoTextParser.parse("layer {\n  name: \"x\"\n  type = \"ReLU\"\n}"));
        assertEquals(3, e.line());
        assertEquals(8, e.column());
        assertTrue(e.getMessage().startsWith("line 3, column 8: expected ':' or '{' after type"), e.getMessage());

        PrototxtException unclosed =
                assertThrows(PrototxtException.class, () -> ProtoTextParser.parse("layer {\n name: \"x\"\n"));
        assertTrue(unclosed.getMessage().contains("missing '}'"), unclosed.getMessage());

        PrototxtException string =
                assertThrows(PrototxtException.class, () -> ProtoTextParser.parse("a: 1\nname: \"open\n"));
        assertEquals(2, string.line());
        assertEquals(7, string.column());

        PrototxtException stray = assertThrows(PrototxtException.class, () -> ProtoTextParser.parse("a: 1 }"));
        assertEquals(6, stray.column());

        assertThrows(PrototxtException.class, () -> ProtoTextParser.parse("a: 1.2.3"));
    }

    @Test
    void deepNestingIsRefusedWithASentenceNotAStackOverflow() {
        String deep = "a { ".repeat(5_000) + "}".repeat(5_000);
        PrototxtException e = assertThrows(PrototxtException.class, () -> ProtoTextParser.parse(deep));
        assertTrue(
                e.getMessage().contains("nest deeper than " + ProtoTextParser.MAX_DEPTH + " levels"), e.getMessage());
        // the limit leaves room for any real network: 100 levels still parse
        String ok = "a { ".repeat(ProtoTextParser.MAX_DEPTH) + "}".repeat(ProtoTextParser.MAX_DEPTH);
        assertDoesNotThrow(() -> ProtoTextParser.parse(ok));
    }
}
