package io.convscope.ui;

import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

import java.util.List;

/**
 * A row of tool bar controls that never cuts a label to "…": every control keeps at least its preferred width, and
 * when the row is too narrow (a small window, or the loading progress joining the row) buttons give up their text one
 * by one in the order given, the least needed first, keeping their icon and tooltip. A label without an icon (the
 * scale's caption) disappears instead, its control's tooltip saying the same. A child may be a group of controls
 * (those of one mode); while the group is out of the layout its labels count for nothing.
 */
final class CompactingToolbar extends HBox {

    private final List<Labeled> collapseOrder;
    private int collapsed;

    /**
     * @param collapseOrder the labelled controls that may lose their text, first to go first
     */
    CompactingToolbar(double spacing, List<Labeled> collapseOrder, Node... children) {
        super(spacing, children);
        this.collapseOrder = List.copyOf(collapseOrder);
        for (Node n : children) {
            if (n instanceof Control c) {
                c.setMinWidth(Region.USE_PREF_SIZE); // the spacer absorbs the slack; a control never shrinks
            }
        }
    }

    /** The row gives up labels rather than hold the window wide: without this, the controls' minimum widths would. */
    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected void layoutChildren() {
        fit(getWidth());
        super.layoutChildren();
    }

    /** How many labels are collapsed now (for tests). */
    int collapsed() {
        return collapsed;
    }

    /**
     * Collapses as few labels as make the row fit {@code width}. What a label saves is measured from its text and
     * font, not by toggling it, so a layout pass changes nothing when nothing needs to change (no layout loop).
     */
    void fit(double width) {
        double needed = snappedLeftInset() + snappedRightInset();
        int visible = 0;
        for (Node n : getChildren()) {
            if (n.isManaged()) {
                needed += n.prefWidth(-1);
                visible++;
            }
        }
        needed += Math.max(0, visible - 1) * getSpacing();
        for (int i = 0; i < collapsed; i++) {
            needed += saving(collapseOrder.get(i)); // as if every label were shown
        }
        int k = 0;
        while (k < collapseOrder.size() && needed > width) {
            needed -= saving(collapseOrder.get(k));
            k++;
        }
        if (k != collapsed) {
            for (int i = 0; i < collapseOrder.size(); i++) {
                show(collapseOrder.get(i), i >= k);
            }
            collapsed = k;
        }
    }

    private static void show(Labeled l, boolean withText) {
        if (l.getGraphic() == null) {
            l.setVisible(withText);
            l.setManaged(withText);
        } else {
            l.setContentDisplay(withText ? ContentDisplay.LEFT : ContentDisplay.GRAPHIC_ONLY);
        }
    }

    /** Whether {@code l} sits in a group of the row that is out of the layout now. */
    private boolean inHiddenGroup(Labeled l) {
        for (Node n = l.getParent(); n != null && n != this; n = n.getParent()) {
            if (!n.isManaged()) {
                return true;
            }
        }
        return false;
    }

    /** The width a label gives back when collapsed: its text and the gap before it (or all of it, and a spacing). */
    private double saving(Labeled l) {
        if (inHiddenGroup(l)) {
            return 0; // a group out of the row (another mode's controls) takes no room, so its labels save none
        }
        Text t = new Text(l.getText() == null ? "" : l.getText());
        t.setFont(l.getFont());
        double text = Math.ceil(t.getLayoutBounds().getWidth());
        if (l.getGraphic() == null) {
            return text + l.snappedLeftInset() + l.snappedRightInset() + getSpacing();
        }
        return text + l.getGraphicTextGap();
    }
}
