package io.convscope.explain.overview;

import io.convscope.explain.ReferenceNetwork;
import io.convscope.network.ActivationSnapshot;
import io.convscope.network.LayerDescription.Padding;
import io.convscope.network.LayerDescription.Window;
import io.convscope.network.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which neurons the overview shows, where, and where the keyboard focus goes: no screen needed. */
class ShownNeuronsTest {

    /** 6×6×3 → conv with 12 channels (more than a column shows) → flatten → 15 classes (more than the rows). */
    private static ActivationSnapshot wide() {
        return ReferenceNetwork.input(new Shape(3, 6, 6), 3L)
                .convolution("conv", 12, new Window(3, 3), new Window(1, 1), Padding.NONE)
                .flatten()
                .output("output", 15);
    }

    private static final int CONV = 1;
    private static final int OUTPUT = 2;

    @Test
    void aColumnWithMoreChannelsThanFitShowsAWindowThatScrollsWithinBounds() {
        ShownNeurons shown = new ShownNeurons(OverviewColumn.of(wide().network()));
        assertEquals(3, shown.shown(0));
        assertEquals(OverviewLayout.MAX_VISIBLE, shown.shown(CONV));
        assertTrue(shown.scrolls(CONV));
        assertFalse(shown.scrolls(0));
        assertTrue(shown.scroll(CONV, 1));
        assertEquals(1, shown.first(CONV));
        assertEquals(new OverviewNeuron(CONV, 1), shown.atSlot(CONV, 0));
        assertEquals(-1, shown.slotOf(CONV, 0), "channel 0 is scrolled away");
        assertTrue(shown.scroll(CONV, 5));
        assertEquals(2, shown.first(CONV), "12 channels, 10 shown: at most 2 down");
        assertFalse(shown.scroll(CONV, 1));
        assertEquals(9, shown.slotOf(CONV, 11));
    }

    @Test
    void theWheelScrollsOnlyAColumnWithHiddenChannelsOverItsNeurons() {
        List<OverviewColumn> columns = OverviewColumn.of(wide().network());
        ShownNeurons shown = new ShownNeurons(columns);
        OverviewLayout layout = new OverviewLayout(columns, 1200, 700);
        OverviewLayout.Box b = layout.box(CONV, 3, OverviewLayout.MAX_VISIBLE);
        assertEquals(CONV, shown.scrollingColumnAt(layout, b.x() + 1, b.centerY()));
        assertEquals(-1, shown.scrollingColumnAt(layout, b.x() + 1, OverviewLayout.LABEL_SPACE - 1), "on the labels");
        assertEquals(-1, shown.scrollingColumnAt(layout, b.x() + 1, layout.legendTop() + 1), "on the legends");
        OverviewLayout.Box input = layout.box(0, 1, 3);
        assertEquals(-1, shown.scrollingColumnAt(layout, input.x() + 1, input.centerY()), "3 channels all shown");
    }

    @Test
    void revealScrollsOnlyWhenTheNeuronIsHidden() {
        ShownNeurons shown = new ShownNeurons(OverviewColumn.of(wide().network()));
        assertFalse(shown.reveal(new OverviewNeuron(CONV, 9)));
        assertTrue(shown.reveal(new OverviewNeuron(CONV, 11)));
        assertEquals(2, shown.first(CONV));
        assertTrue(shown.reveal(new OverviewNeuron(CONV, 0)));
        assertEquals(0, shown.first(CONV));
        assertFalse(shown.reveal(new OverviewNeuron(OUTPUT, 14)), "the output does not scroll");
    }

    @Test
    void manyClassesShowTheMostProbableFirst() {
        ActivationSnapshot s = wide();
        ShownNeurons shown = new ShownNeurons(OverviewColumn.of(s.network()));
        assertTrue(shown.outputRanked());
        assertEquals(OverviewLayout.MAX_OUTPUT_ROWS, shown.shown(OUTPUT));
        assertEquals(3, shown.outputClass(3), "class order until a snapshot ranks them");
        shown.rankOutput(s.ranking());
        int[] ranking = s.ranking();
        for (int row = 0; row < shown.shown(OUTPUT); row++) {
            assertEquals(ranking[row], shown.outputClass(row));
            assertEquals(new OverviewNeuron(OUTPUT, ranking[row]), shown.atSlot(OUTPUT, row));
            assertEquals(row, shown.slotOf(OUTPUT, ranking[row]));
        }
        assertEquals(-1, shown.slotOf(OUTPUT, ranking[14]), "the least probable class has no row");
    }

    @Test
    void boxesAndHitTestingAgreeWithTheLayout() {
        List<OverviewColumn> columns = OverviewColumn.of(wide().network());
        ShownNeurons shown = new ShownNeurons(columns);
        OverviewLayout layout = new OverviewLayout(columns, 1200, 700);
        OverviewLayout.Box b = shown.box(layout, CONV, 4);
        assertEquals(layout.box(CONV, 4, OverviewLayout.MAX_VISIBLE), b);
        assertEquals(new OverviewNeuron(CONV, 4), shown.neuronAt(layout, b.x() + 1, b.centerY()));
        assertNull(shown.neuronAt(layout, b.x() - 1, b.centerY()));
        OverviewLayout.Box row = shown.box(layout, OUTPUT, 2);
        // An output row is hit over its name, bar and value, wider than a neuron.
        assertEquals(
                new OverviewNeuron(OUTPUT, 2),
                shown.neuronAt(layout, row.x() + OverviewLayout.OUTPUT_WIDTH - 1, row.centerY()));
        assertEquals(OverviewLayout.OUTPUT_WIDTH, shown.hitWidth(layout, OUTPUT));
        OverviewLayout.Box edgeEnd = shown.edgeBox(layout, OUTPUT, 2);
        assertEquals(row.x() - ShownNeurons.OUTPUT_EDGE_INSET, edgeEnd.x());
        assertEquals(row.y(), edgeEnd.y());
        assertEquals(b, shown.edgeBox(layout, CONV, 4), "edges end at a heatmap's own box");
    }

    @Test
    void arrowKeysMoveByColumnsAndRowsClampedToWhatExists() {
        ActivationSnapshot s = wide();
        ShownNeurons shown = new ShownNeurons(OverviewColumn.of(s.network()));
        shown.rankOutput(s.ranking());
        assertEquals(new OverviewNeuron(1, 0), shown.step(null, 1, 0), "no focus yet: from the first neuron");
        assertEquals(new OverviewNeuron(0, 0), shown.step(null, -1, 0));
        assertEquals(new OverviewNeuron(0, 2), shown.step(new OverviewNeuron(0, 2), 0, 1), "3 channels: stays");
        assertEquals(
                new OverviewNeuron(OUTPUT, s.ranking()[9]),
                shown.step(new OverviewNeuron(CONV, 11), 1, 0),
                "right from channel 11 lands on the last of the 10 rows");
        // Down in the output goes to the next row, which holds the next most probable class.
        OverviewNeuron top = new OverviewNeuron(OUTPUT, s.ranking()[0]);
        assertEquals(new OverviewNeuron(OUTPUT, s.ranking()[1]), shown.step(top, 0, 1));
        assertEquals(top, shown.step(top, 0, -1));
        OverviewNeuron last = new OverviewNeuron(OUTPUT, s.ranking()[9]);
        assertEquals(last, shown.step(last, 0, 1), "the last row stays");
    }
}
