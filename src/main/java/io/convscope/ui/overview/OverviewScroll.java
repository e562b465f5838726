package io.convscope.ui.overview;

import javafx.scene.control.ScrollPane;
import javafx.scene.input.ScrollEvent;

/**
 * The overview in a sideways-only scroll pane: needed only when a big network's minimum width exceeds the window
 * (Tiny VGG always fits). Wide networks render only what the pane shows, and the wheel pans them a column at a time.
 */
public final class OverviewScroll extends ScrollPane {

    /** How far one wheel notch pans a wide overview sideways, in pixels (about two columns of 36 px neurons). */
    static final double WHEEL_PAN_PX = 90;

    private final OverviewPane overview;

    public OverviewScroll(OverviewPane overview) {
        super(overview);
        this.overview = overview;
        setFitToWidth(true);
        setFitToHeight(true);
        setVbarPolicy(ScrollBarPolicy.NEVER);
        setHbarPolicy(ScrollBarPolicy.AS_NEEDED);
        getStyleClass().addAll("edge-to-edge", "overview-scroll");
        setFocusTraversable(false);
        // The offset is worked out from the scroll value, as the skin places the content: the viewport bounds' x alone
        // lagged behind when a new, wider network replaced a narrow one (YOLOv2 after Tiny VGG: scrolled to the far
        // right, bounds still at 0, the last columns unrendered).
        viewportBoundsProperty().addListener(o -> syncViewport());
        hvalueProperty().addListener(o -> syncViewport());
        overview.widthProperty().addListener(o -> syncViewport());
        // The wheel (outside columns that scroll their channels) pans a wide network sideways, a column per notch:
        // the scroll pane alone would only scroll vertically, which this pane never needs.
        overview.addEventHandler(ScrollEvent.SCROLL, e -> {
            double extra = overview.getWidth() - getViewportBounds().getWidth();
            double delta = Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY()) ? e.getDeltaX() : e.getDeltaY();
            if (extra > 0 && delta != 0 && !e.isConsumed()) {
                double step = Math.signum(delta) * WHEEL_PAN_PX;
                setHvalue(Math.max(0, Math.min(1, getHvalue() - step / extra)));
                e.consume();
            }
        });
        overview.setOnReveal(x -> {
            double view = getViewportBounds().getWidth();
            double extra = overview.getWidth() - view;
            if (extra > 0) {
                setHvalue(Math.max(0, Math.min(1, (x - view / 2) / extra)));
            }
        });
    }

    /** Another model opens at its input, not where the last one was scrolled. */
    public void toStart() {
        setHvalue(0);
    }

    private void syncViewport() {
        double view = getViewportBounds().getWidth();
        overview.setViewport(getHvalue() * Math.max(0, overview.getWidth() - view), view);
    }
}
