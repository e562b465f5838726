package io.convscope.ui;

import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/** Pointer events the tests fire themselves, where the headless robot cannot deliver them as needed. */
public final class PointerEvents {

    private PointerEvents() {}

    /**
     * The pointer moving, no button down, no modifier: at ({@code x}, {@code y}) in the coordinates of whatever the
     * event is fired at (scene coordinates when fired with {@code Node.fireEvent}, which maps them into the node) and
     * at ({@code screenX}, {@code screenY}) on the screen.
     */
    public static MouseEvent moved(double x, double y, double screenX, double screenY) {
        return new MouseEvent(
                MouseEvent.MOUSE_MOVED,
                x,
                y,
                screenX,
                screenY,
                MouseButton.NONE,
                0,
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                null);
    }

    /** The pointer coming into a node, as a real mouse would announce it before any move. */
    public static MouseEvent entered() {
        return new MouseEvent(
                MouseEvent.MOUSE_ENTERED,
                0,
                0,
                0,
                0,
                MouseButton.NONE,
                0,
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                false,
                null);
    }

    /**
     * One turn of a mouse wheel by {@code deltaY} pixels (negative: towards the reader, scrolling down), no modifier,
     * at ({@code x}, {@code y}), the same on the screen.
     */
    public static ScrollEvent wheel(double x, double y, double deltaY) {
        return new ScrollEvent(
                ScrollEvent.SCROLL,
                x,
                y,
                x,
                y,
                false,
                false,
                false,
                false,
                false,
                false,
                0,
                deltaY,
                0,
                0,
                ScrollEvent.HorizontalTextScrollUnits.NONE,
                0,
                ScrollEvent.VerticalTextScrollUnits.NONE,
                0,
                0,
                null);
    }
}
