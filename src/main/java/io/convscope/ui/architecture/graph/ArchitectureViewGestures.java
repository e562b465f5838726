package io.convscope.ui.architecture.graph;

import io.convscope.explain.graph.GraphLayout;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;

/**
 * What the mouse, touchpad and keyboard do on the architecture view: wheel and pinch zoom around the pointer, drag
 * and scroll pan, click selects, double-click opens or closes a block, the pointer hovers; + − zoom, arrows pan, F
 * fits.
 */
final class ArchitectureViewGestures {

    static final double WHEEL_ZOOM_PER_PIXEL = 1.0025;
    static final double KEY_ZOOM = 1.2;
    static final double KEY_PAN = 80;
    /** A press that moves less than this is a click, not a drag. */
    static final double CLICK_SLOP = 4;

    private final ArchitectureView view;
    private double pressX;
    private double pressY;
    private double dragX;
    private double dragY;
    private boolean dragged;

    private ArchitectureViewGestures(ArchitectureView view) {
        this.view = view;
    }

    static void install(ArchitectureView view) {
        ArchitectureViewGestures g = new ArchitectureViewGestures(view);
        view.addEventHandler(ScrollEvent.SCROLL, g::scroll);
        view.addEventHandler(ZoomEvent.ZOOM, e -> {
            view.zoomAt(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        view.addEventHandler(MouseEvent.MOUSE_PRESSED, g::press);
        view.addEventHandler(MouseEvent.MOUSE_DRAGGED, g::drag);
        view.addEventHandler(MouseEvent.MOUSE_CLICKED, g::click);
        view.addEventHandler(MouseEvent.MOUSE_MOVED, e -> view.hoverAt(e.getX(), e.getY()));
        view.addEventHandler(MouseEvent.MOUSE_EXITED, e -> view.hoverOff());
        view.addEventHandler(KeyEvent.KEY_PRESSED, g::key);
    }

    private void scroll(ScrollEvent e) {
        if (e.getTouchCount() == 0 && !e.isInertia() || e.isControlDown()) {
            view.zoomAt(Math.pow(WHEEL_ZOOM_PER_PIXEL, e.getDeltaY()), e.getX(), e.getY());
        } else {
            view.panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    private void press(MouseEvent e) {
        view.requestFocus();
        pressX = dragX = e.getX();
        pressY = dragY = e.getY();
        dragged = false;
    }

    private void drag(MouseEvent e) {
        if (Math.hypot(e.getX() - pressX, e.getY() - pressY) > CLICK_SLOP) {
            dragged = true;
        }
        view.panBy(e.getX() - dragX, e.getY() - dragY);
        dragX = e.getX();
        dragY = e.getY();
        view.hideCard();
    }

    private void click(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        GraphLayout.Box b = view.boxAtScreen(e.getX(), e.getY());
        if (b != null) {
            view.clicked(b.node().id(), e.getClickCount() == 2);
        }
    }

    private void key(KeyEvent e) {
        double w = view.getWidth();
        double h = view.getHeight();
        switch (e.getCode()) {
            case PLUS, ADD, EQUALS -> view.zoomAt(KEY_ZOOM, w / 2, h / 2);
            case MINUS, SUBTRACT -> view.zoomAt(1 / KEY_ZOOM, w / 2, h / 2);
            case LEFT -> view.panBy(KEY_PAN, 0);
            case RIGHT -> view.panBy(-KEY_PAN, 0);
            case UP -> view.panBy(0, KEY_PAN);
            case DOWN -> view.panBy(0, -KEY_PAN);
            case F -> view.fit();
            default -> {
                return;
            }
        }
        e.consume();
    }
}
