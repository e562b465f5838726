package io.convscope.explain.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convscope.engine.ArchitecturePresets;
import io.convscope.network.graph.ArchitectureGraph;
import io.convscope.network.graph.ArchitectureJson;
import io.convscope.network.graph.ArchitectureNode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain exports parse back to the graph's own figures. */
public class ArchitectureExportTest {

    static final ArchitectureGraph RESNET =
            ArchitecturePresets.find("resnet50").orElseThrow().graph();

    /** RFC 4180 reader, enough for our own files (quoted fields with doubled quotes). */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        return rows;
    }

    /** Checks a CSV export against {@code g}; shared with the window test. */
    public static void assertCsvMatches(ArchitectureGraph g, String csv) {
        List<List<String>> rows = parseCsv(csv);
        assertEquals(ArchitectureCsv.HEADER, rows.get(0));
        assertEquals(g.nodes().size() + 3, rows.size(), "header, one row per layer, total, peak");
        long trainable = 0;
        long nonTrainable = 0;
        long macs = 0;
        long activation = 0;
        for (int i = 0; i < g.nodes().size(); i++) {
            List<String> r = rows.get(i + 1);
            ArchitectureNode n = g.nodes().get(i);
            assertEquals(n.id(), r.get(0));
            assertEquals(n.outputShape().toString(), r.get(4));
            trainable += Long.parseLong(r.get(5));
            nonTrainable += Long.parseLong(r.get(6));
            macs += Long.parseLong(r.get(7));
            activation += Long.parseLong(r.get(9));
        }
        List<String> total = rows.get(rows.size() - 2);
        assertEquals(ArchitectureCsv.TOTAL, total.get(0));
        assertEquals(g.trainableParams(), trainable);
        assertEquals(g.nonTrainableParams(), nonTrainable);
        assertEquals(g.multiplyAccumulates(), macs);
        assertEquals(g.activationBytes(), activation);
        assertEquals(
                List.of(
                        g.trainableParams(),
                        g.nonTrainableParams(),
                        g.multiplyAccumulates(),
                        g.operations().other(),
                        g.activationBytes()),
                total.subList(5, 10).stream().map(Long::parseLong).toList());
        List<String> peak = rows.get(rows.size() - 1);
        assertEquals(ArchitectureCsv.PEAK, peak.get(0));
        assertEquals(g.peakActivationBytes(), Long.parseLong(peak.get(9)));
    }

    public static void assertJsonMatches(ArchitectureGraph g, String json) throws Exception {
        JsonNode o = new ObjectMapper().readTree(json);
        assertEquals(g.name(), o.get("name").asText());
        assertEquals(g.nodes().size(), o.get("layers").size());
        long params = 0;
        long macs = 0;
        for (JsonNode l : o.get("layers")) {
            params += l.get("params_trainable").asLong()
                    + l.get("params_non_trainable").asLong();
            macs += l.get("macs").asLong();
        }
        assertEquals(g.params(), params);
        assertEquals(g.params(), o.get("total_params").asLong());
        assertEquals(g.multiplyAccumulates(), macs);
        assertEquals(g.multiplyAccumulates(), o.get("total_macs").asLong());
        assertEquals(g.activationBytes(), o.get("total_activation_bytes").asLong());
        assertEquals(g.peakActivationBytes(), o.get("peak_activation_bytes").asLong());
    }

    /** Parses the SVG as XML (fails on malformed output) and returns the document. */
    public static Document assertSvgMatches(GraphLayout layout, String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", d.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", d.getDocumentElement().getNamespaceURI());
        assertEquals(
                layout.nodes().size(), d.getElementsByTagNameNS("*", "rect").getLength(), "one rect per box");
        assertEquals(
                layout.edges().size(),
                d.getElementsByTagNameNS("*", "path").getLength()
                        - 2
                                * layout.nodes().stream()
                                        .filter(b -> b.node().collapsedBlock())
                                        .count(),
                "one path per edge");
        return d;
    }

    @Test
    void csvRowsAndTotalsAreTheGraphs() {
        assertCsvMatches(RESNET, ArchitectureCsv.of(RESNET));
    }

    @Test
    void csvQuotesFieldsWithCommasAndQuotes() {
        assertEquals("\"a,b\"", ArchitectureCsv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", ArchitectureCsv.quote("say \"hi\""));
        assertEquals(List.of(List.of("a,b", "say \"hi\"", "c")), parseCsv("\"a,b\",\"say \"\"hi\"\"\",c\r\n"));
    }

    @Test
    void jsonIsTheSummaryShapeAndItsTotalsAreTheGraphs() throws Exception {
        assertJsonMatches(RESNET, ArchitectureJson.of(RESNET));
        JsonNode first = new ObjectMapper()
                .readTree(ArchitectureJson.of(RESNET))
                .get("layers")
                .get(2);
        assertEquals("ConvolutionLayer", first.get("type").asText());
        assertEquals("convolution", first.get("category").asText());
        assertTrue(first.get("attributes").has("kernel"));
    }

    @Test
    void svgIsWellFormedWithOneRectPerVisibleNode() throws Exception {
        NodeLabels labels = new NodeLabels("%d layers");
        GraphLayout expanded = LayeredLayout.of(VisibleGraph.expanded(RESNET), labels, LayoutMetrics.DEFAULT);
        assertSvgMatches(expanded, ArchitectureSvg.of(expanded, labels, false));
        GraphLayout collapsed =
                LayeredLayout.of(VisibleGraph.of(RESNET, Set.of("res2a", "res4f")), labels, LayoutMetrics.DEFAULT);
        Document d = assertSvgMatches(collapsed, ArchitectureSvg.of(collapsed, labels, true));
        assertTrue(d.getDocumentElement().getTextContent().contains("12 layers"), "block count written");
        assertEquals("a &lt; b &amp; &quot;c&quot;", ArchitectureSvg.escape("a < b & \"c\""));
    }
}
