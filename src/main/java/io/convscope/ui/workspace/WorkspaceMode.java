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

    /** The message key of the mode's name ({@code mode.overview}, ...), its tooltip is the key + {@code .tooltip}. */
    public String key() {
        return "mode." + name().toLowerCase(Locale.ROOT);
    }
}
