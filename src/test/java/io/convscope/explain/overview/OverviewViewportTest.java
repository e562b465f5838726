package io.convscope.explain.overview;

import io.convscope.explain.ReferenceNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which part of a wide overview is rendered: what the scroll pane shows plus a margin. */
class OverviewViewportTest {

    @Test
    void theMarginIsClampedToThePane() {
        OverviewViewport v = OverviewViewport.of(100, 800, 5000);
        assertEquals(0, v.left());
        assertEquals(100 + 800 + OverviewLayout.VIEW_MARGIN, v.right());
        OverviewViewport end = OverviewViewport.of(4500, 800, 5000);
        assertEquals(4500 - OverviewLayout.VIEW_MARGIN, end.left());
        assertEquals(5000, end.right());
        assertEquals(1, new OverviewViewport(10, 10).width(), "a canvas is at least a pixel wide");
    }

    @Test
    void columnsAndEdgesOutOfViewAreNotRendered() {
        List<OverviewColumn> columns =
                OverviewColumn.of(ReferenceNetwork.tinyVgg(5).network());
        OverviewLayout layout = new OverviewLayout(columns, 1400, 700);
        // Just the first column in view (the margin included).
        OverviewViewport left = new OverviewViewport(0, layout.columnX(0) + 1);
        assertTrue(left.columnVisible(layout, 0));
        assertFalse(left.columnVisible(layout, 3));
        assertTrue(left.edgesVisible(layout, 1), "the edges into column 1 start in view");
        assertFalse(left.edgesVisible(layout, 3));
        OverviewViewport right = new OverviewViewport(layout.columnX(3) + 1, 1400);
        assertFalse(right.columnVisible(layout, 0));
        assertTrue(right.columnVisible(layout, 3));
        assertTrue(right.edgesVisible(layout, 3));
    }
}
