package io.convscope.ui.architecture;

import io.convscope.engine.SharedData;
import io.convscope.explain.graph.GraphLayout;
import io.convscope.explain.graph.NodeLabels;
import io.convscope.network.graph.ArchitectureNode;
import io.convscope.ui.architecture.details.ArchitectureTable;
import io.convscope.ui.architecture.paint.ArchitecturePainter;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyzer names things as its graph does: the table's Type column shows the boxes' type line (not DL4J's class
 * names, which the column cut to "ConvolutionL…"), and every node's name fits its box (GoogLeNet's "pool1/norm1" was
 * cut to "pool1/nor…", on screen and in the PNG export, which paints the same boxes).
 */
class ArchitectureNamesTest {

    @BeforeAll
    static void open() throws Exception {
        ArchitectureWindowTest.open();
    }

    @AfterAll
    static void close() throws Exception {
        ArchitectureWindowTest.close();
    }

    @Test
    void theTypeColumnShowsTheGraphsTypeNames() throws Exception {
        ArchitectureWindowTest.openPreset("resnet50", "ResNet-50");
        List<String> mismatches = ArchitectureWindowTest.onFx(() -> {
            List<String> wrong = new ArrayList<>();
            for (ArchitectureNode n : ArchitectureWindowTest.window.graph().nodes()) {
                TreeItem<ArchitectureTable.Row> item =
                        ArchitectureWindowTest.window.table().item(n.id());
                if (item != null && !item.getValue().type().equals(NodeLabels.shortType(n))) {
                    wrong.add(n.id() + ": " + item.getValue().type());
                }
            }
            return wrong;
        });
        assertEquals(List.of(), mismatches);
        String conv = ArchitectureWindowTest.onFx(() -> {
            ArchitectureNode first = ArchitectureWindowTest.window.graph().nodes().stream()
                    .filter(n -> n.rawType().equals("ConvolutionLayer"))
                    .findFirst()
                    .orElseThrow();
            return ArchitectureWindowTest.window
                    .table()
                    .item(first.id())
                    .getValue()
                    .type();
        });
        assertTrue(conv.startsWith("Convolution 7×7"), "not DL4J's class name: " + conv);
    }

    @Test
    void everyNodeNameFitsItsBox() throws Exception {
        Path googlenet = SharedData.netscopePresets().resolve("googlenet.prototxt");
        ArchitectureWindowTest.onFx(() -> {
            ArchitectureWindowTest.window.openFile(googlenet);
            return null;
        });
        ArchitectureWindowTest.waitUntil(() -> !ArchitectureWindowTest.window.isLoading()
                && ArchitectureWindowTest.window.graph() != null
                && ArchitectureWindowTest.window.graph().name().contains("GoogleNet"));
        List<String> cut = ArchitectureWindowTest.onFx(() -> {
            NodeLabels labels = new NodeLabels(ArchitectureWindowTest.TEXT.getString("architecture.block.layers"));
            ArchitecturePainter painter = new ArchitecturePainter(labels);
            List<String> wrong = new ArrayList<>();
            for (GraphLayout.Box b :
                    ArchitectureWindowTest.window.view().layoutShown().nodes()) {
                double room = b.width() - ArchitecturePainter.TEXT_PADDING * 2;
                String title = labels.title(b.node());
                if (!painter.fit(ArchitecturePainter.TITLE, title, room).equals(title)) {
                    wrong.add(title);
                }
            }
            return wrong;
        });
        assertEquals(List.of(), cut, "names cut in their boxes");
    }
}
