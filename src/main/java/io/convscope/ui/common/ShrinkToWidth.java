package io.convscope.ui.common;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * Shows a fixed-size node (a figure, a typeset formula) at its preferred size, or scaled down uniformly when the
 * width it is given is smaller, centred across. Its minimum width is zero, so a column of text around it can wrap to
 * a narrow panel instead of being held as wide as its widest figure.
 */
public final class ShrinkToWidth extends Region {

    private final Node content;
    private final Scale scale = new Scale(1, 1, 0, 0);

    public ShrinkToWidth(Node content) {
        this.content = content;
        content.getTransforms().add(scale);
        getChildren().add(content);
    }

    Node content() {
        return content;
    }

    private double naturalWidth() {
        return Math.max(1, content.prefWidth(-1));
    }

    private double scaleFor(double width) {
        return width < 0 ? 1 : Math.min(1, width / naturalWidth());
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefWidth(double height) {
        return naturalWidth();
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = naturalWidth();
        return content.prefHeight(w) * scaleFor(width);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computeMaxHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double w = naturalWidth();
        double h = content.prefHeight(w);
        content.resize(w, h);
        double s = scaleFor(getWidth());
        scale.setX(s);
        scale.setY(s);
        content.relocate(Math.max(0, (getWidth() - w * s) / 2), 0);
    }
}
