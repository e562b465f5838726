package io.convscope.ui.explorer;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What the explorer does with an image the student picks: open it in the main window's overview (a click on its
 * tile), or open it with its attribution map (the tile's "Why?" link), to see what made the model decide.
 */
public record ImageActions(Consumer<Path> overview, Consumer<Path> why) {}
