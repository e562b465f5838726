package io.convscope.ui.attribution.gradcam;

import io.convscope.explain.attribution.GradCamWalkthrough;
import io.convscope.explain.attribution.GradCamWalkthroughFormulas;
import io.convscope.explain.attribution.GradCamWalkthroughUpsample;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.DoubleToIntFunction;

/**
 * What a hover means in the walkthrough: the cell under the pointer is outlined in every map of the same resolution
 * (an input pixel also outlines the map cells it is interpolated from), and the formula panel shows that step with
 * its real values.
 */
final class GradCamHover {

    /** The steps a map can show. */
    enum Step {
        ACTIVATION,
        GRADIENT,
        WEIGHTED,
        REST,
        SUM,
        RELU
    }

    private final GradCamWalkthrough w;
    private final GradCamWalkthroughFormulas formulas;
    private final ResourceBundle text;
    private final GradCamColors colors;
    private final GradCamFormulaPane pane;
    private final List<GradCamMapTile> layerTiles = new ArrayList<>();
    private final List<GradCamMapTile> inputTiles = new ArrayList<>();
    private GradCamMapTile relu;
    private float[] rest;
    private int restChannels;

    GradCamHover(GradCamWalkthrough w, ResourceBundle text, GradCamColors colors, GradCamFormulaPane pane) {
        this.w = w;
        this.formulas = new GradCamWalkthroughFormulas(w);
        this.text = text;
        this.colors = colors;
        this.pane = pane;
    }

    /** The summed map of the channels not drawn, and how many they are. */
    void rest(float[] map, int channels) {
        rest = map;
        restChannels = channels;
    }

    /** A map at the layer's resolution showing {@code step} (of channel {@code k} where it has one). */
    void layerTile(GradCamMapTile tile, Step step, int k) {
        layerTiles.add(tile);
        if (step == Step.RELU) {
            relu = tile;
        }
        tile.onHover(cell -> layerCell(step, k, cell), this::unmark);
    }

    /** A map at the input's resolution (the upsampled map, the overlay). */
    void inputTile(GradCamMapTile tile) {
        inputTiles.add(tile);
        tile.onHover(this::inputPixel, this::unmark);
    }

    void layerCell(Step step, int k, int cell) {
        int width = w.shape().width();
        unmark();
        for (GradCamMapTile t : layerTiles) {
            t.mark(cell / width, cell % width, 1, 1);
        }
        String words;
        float[] values;
        DoubleToIntFunction scale = colors::logit;
        String formula;
        switch (step) {
            case ACTIVATION -> {
                words = String.format(text.getString("gradcam.step.activation"), k);
                values = w.activation(k);
                scale = colors::map;
                formula = formulas.activation(k, cell);
            }
            case GRADIENT -> {
                words = String.format(text.getString("gradcam.step.gradient"), k);
                values = w.gradient(k);
                scale = colors::gradient;
                formula = formulas.gradient(k, cell);
            }
            case WEIGHTED -> {
                words = String.format(text.getString("gradcam.step.weighted"), k);
                values = w.weighted(k);
                formula = formulas.weighted(k, cell);
            }
            case REST -> {
                words = String.format(text.getString("gradcam.step.rest"), restChannels);
                values = rest;
                formula = String.format(
                        text.getString("gradcam.formula.rest"),
                        restChannels,
                        cell / width,
                        cell % width,
                        GradCamWalkthroughFormulas.number(rest[cell]));
            }
            case SUM -> {
                words = text.getString("gradcam.step.sum");
                values = w.sumMap();
                formula = formulas.sum(cell, text.getString("gradcam.formula.others"));
            }
            default -> {
                words = text.getString("gradcam.step.relu");
                values = w.map();
                formula = formulas.relu(cell);
            }
        }
        pane.show(words, values, width, scale, cell / width, cell % width, 1, 1, formula, c -> layerCell(step, k, c));
    }

    void inputPixel(int pixel) {
        int width = w.inputShape().width();
        int y = pixel / width;
        int x = pixel % width;
        unmark();
        for (GradCamMapTile t : inputTiles) {
            t.mark(y, x, 1, 1);
        }
        GradCamWalkthroughUpsample u = w.upsample(y, x);
        int rows = u.rows()[1] - u.rows()[0] + 1;
        int columns = u.columns()[1] - u.columns()[0] + 1;
        if (relu != null) {
            relu.mark(u.rows()[0], u.columns()[0], rows, columns);
        }
        int layerWidth = w.shape().width();
        pane.show(
                text.getString("gradcam.step.upsample"),
                w.map(),
                layerWidth,
                colors::logit,
                u.rows()[0],
                u.columns()[0],
                rows,
                columns,
                formulas.upsample(y, x),
                c -> layerCell(Step.RELU, 0, c));
    }

    /** The mean of channel {@code k}'s gradient: its bar, its row's bar. */
    void alpha(int k) {
        unmark();
        pane.show(
                String.format(text.getString("gradcam.step.alpha"), k, w.cells()),
                w.gradient(k),
                w.shape().width(),
                colors::gradient,
                0,
                0,
                0,
                0,
                formulas.alpha(k),
                c -> layerCell(Step.GRADIENT, k, c));
    }

    void unmark() {
        layerTiles.forEach(GradCamMapTile::unmark);
        inputTiles.forEach(GradCamMapTile::unmark);
    }
}
