package io.convscope.ui;

import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

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
}
