package io.convscope.ui.workspace;

import java.util.Locale;

/**
 * What the main window's network area shows: the overview of every neuron (with its explanation views), why the
 * network decided (attribution maps), or a network being trained. One window, one workspace: a mode is a place in
 * it, not another program, so the model, the image and the language carry over.
 */
public enum WorkspaceMode {
    OVERVIEW,
    ATTRIBUTION,
    TRAIN;

    /**
     * Whether the mode is about the image on show, so the sample strip and the image panel belong beside it (the
     * training run has its own data and probe image).
     */
    public boolean aboutTheShownImage() {
        return this != TRAIN;
    }

    /** The message key of the mode's name ({@code mode.overview}, ...), its tooltip is the key + {@code .tooltip}. */
    public String key() {
        return "mode." + name().toLowerCase(Locale.ROOT);
    }
}
