package io.convscope.ui.explanation;

import io.convscope.explain.Decimals;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Rectangle;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The convolution view's readout line: what the pointer (or the keyboard focus) is over — a kernel's weights, the
 * bias, a channel's maps, the output — and nothing once it leaves.
 */
final class ConvolutionReadout {

    private final ResourceBundle text;
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper("");

    ConvolutionReadout(ResourceBundle text) {
        this.text = text;
    }

    ReadOnlyStringProperty property() {
        return readout.getReadOnlyProperty();
    }

    void clear() {
        readout.set("");
    }

    void bias(Node bias, float value) {
        String biasText = String.format(Locale.ROOT, text.getString("conv.readout.bias"), value);
        describe(bias, biasText);
    }

    void kernel(Node glyph, float[][] kernel, int channel) {
        describe(glyph, String.format(text.getString("conv.readout.kernel"), Decimals.kernel(kernel), channel));
    }

    void output(Node map) {
        describe(map, text.getString("conv.readout.output"));
    }

    /**
     * An input or intermediate map of channel {@code shownChannel}: hovering or focusing it shows its row's strip and
     * names it; a click, Enter or Space chooses it (Tab reaches every map).
     */
    void channelMap(Node map, Rectangle strip, int shownChannel, Runnable choose) {
        String name = String.format(Locale.ROOT, text.getString("conv.readout.channel"), shownChannel);
        map.setOnMouseEntered(e -> {
            strip.setVisible(true);
            readout.set(name);
        });
        map.setOnMouseExited(e -> {
            strip.setVisible(false);
            readout.set("");
        });
        map.setOnMouseClicked(e -> choose.run());
        map.setFocusTraversable(true);
        map.focusedProperty().addListener((o, was, now) -> {
            strip.setVisible(now);
            if (now) {
                readout.set(name);
            }
        });
        map.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                choose.run();
                e.consume();
            }
        });
    }

    private void describe(Node node, String s) {
        node.setOnMouseEntered(e -> readout.set(s));
        node.setOnMouseExited(e -> readout.set("")); // the readout describes what is under the pointer, or nothing
    }
}
