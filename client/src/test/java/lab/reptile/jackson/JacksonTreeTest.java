package lab.reptile.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lab.reptile.model.JsonTree;
import org.junit.jupiter.api.Test;

/** The JVM's view: strict parsing with messages that say where the text broke, and the values it holds. */
class JacksonTreeTest {
    private static String message(String json) {
        return assertThrows(IllegalArgumentException.class, () -> JacksonTree.parse(json)).getMessage();
    }

    @Test
    void aRepeatedKeyIsRefusedAtAnyDepthEvenWhenSpelledWithEscapes() {
        assertEquals("invalid JSON: duplicate key \"version\"", message("{\"version\":1,\"version\":2}"));
        assertEquals("invalid JSON: duplicate key \"bias\"",
                message("{\"layers\":[{\"bias\":[1]},{\"bias\":[1],\"weights\":[],\"b\\u0069as\":[2]}]}"));
    }

    @Test
    void equalKeysInDifferentObjectsAreFine() {
        JsonTree tree = JacksonTree.parse("{\"a\":{\"a\":1},\"b\":[{\"a\":2},{\"a\":3}]}");
        assertEquals(3.0, tree.get("b").at(1).get("a").number(), 0.0);
    }

    @Test
    void nanAndInfinityTokensAreRefusedWithTheirPosition() {
        assertEquals("invalid JSON: layers[1].bias[2] is NaN; every number must be finite (JSON has no NaN or "
                + "Infinity)", message("{\"layers\":[{},{\"bias\":[0,1,NaN]}]}"));
        assertEquals("invalid JSON: version is -Infinity; every number must be finite (JSON has no NaN or "
                + "Infinity)", message("{\"version\":-Infinity}"));
        assertEquals("invalid JSON: the value is Infinity; every number must be finite (JSON has no NaN or "
                + "Infinity)", message("Infinity"));
    }

    @Test
    void aNumberBeyondTheDoubleRangeIsAnInfinity() {
        assertEquals(Double.POSITIVE_INFINITY, JacksonTree.parse("[1e999]").at(0).number(), 0.0);
    }

    @Test
    void textThatEndsInsideAValueIsTruncated() {
        assertEquals("truncated JSON: the text ends at offset 0", message(""));
        assertEquals("truncated JSON: the text ends at offset 2", message("  "));
        assertEquals("truncated JSON: the text ends at offset 15 inside sizes[1]", message("{\"sizes\":[1,3.5"));
        assertEquals("truncated JSON: the text ends at offset 12 inside sizes[1]", message("{\"sizes\":[1,"));
        assertEquals("truncated JSON: the text ends at offset 11 inside sizes", message("{\"sizes\":0."));
    }

    @Test
    void textAfterTheValueIsRefused() {
        assertEquals("invalid JSON: unexpected text after the JSON value, at offset 7", message("{\"a\":1}}"));
        assertEquals("invalid JSON: unexpected text after the JSON value, at offset 7", message("{\"a\":1} {}"));
    }

    @Test
    void otherSyntaxErrorsQuoteJacksonAndSayWhere() {
        assertEquals("invalid JSON at offset 12 (layers[0]): Invalid numeric value: Leading zeroes not allowed",
                message("{\"layers\":[01]}"));
    }

    @Test
    void viewsEveryKindOfValue() {
        JsonTree tree = JacksonTree.parse("{\"o\":{},\"a\":[1,2],\"s\":\"x\",\"n\":-0.5,\"t\":true,\"f\":false,"
                + "\"z\":null}");
        assertEquals(JsonTree.Kind.OBJECT, tree.kind());
        assertEquals(JsonTree.Kind.OBJECT, tree.get("o").kind());
        assertEquals(JsonTree.Kind.ARRAY, tree.get("a").kind());
        assertEquals(2, tree.get("a").length());
        assertEquals(JsonTree.Kind.STRING, tree.get("s").kind());
        assertEquals("x", tree.get("s").string());
        assertEquals(-0.5, tree.get("n").number(), 0.0);
        assertEquals(JsonTree.Kind.TRUE, tree.get("t").kind());
        assertEquals(JsonTree.Kind.FALSE, tree.get("f").kind());
        assertEquals(JsonTree.Kind.NULL, tree.get("z").kind());
        assertNull(tree.get("missing"));
        assertNull(tree.get("a").get("o"), "an array has no members");
    }
}
