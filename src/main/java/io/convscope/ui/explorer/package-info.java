/**
 * The data-set explorer: a window of its own that scores the main window's model on a labelled folder (off the UI
 * thread, with progress and Cancel) and shows the accuracy, a table of per-class precision, recall and F1, the
 * confusion matrix (click a cell for a gallery of its images, most confident first) and the top losses; clicking an
 * image opens it in the main window's overview.
 *
 * <p>What it may use: the figures come from {@code io.convscope.explain.dataset} (the view model {@code evaluate
 * --json} prints too); the engine only through its public evaluation API ({@code Evaluation}, {@code EvaluationScope},
 * {@code LoadedModel}), {@code ByteBoundedCache} for thumbnails and {@code io.convscope.image} to decode them, never
 * DL4J or ND4J; {@code io.convscope.ui.common} ({@code Palette.STYLESHEET}). Text comes from the
 * {@code io.convscope.ui.messages} bundle the caller passes in.
 *
 * <p>Who uses it: the main window opens it through {@link io.convscope.ui.explorer.ExplorerWindow#show}; nothing
 * else in {@code io.convscope.ui} reaches into this package, except the Train workspace ({@code io.convscope.ui.train}),
 * which shows its per-class thumbnails through {@link io.convscope.ui.explorer.Thumbnails}, draws each epoch's
 * validation matrix with {@link io.convscope.ui.explorer.ConfusionGrid} and a clicked cell's validation images with
 * {@link io.convscope.ui.explorer.ImageGallery}.
 */
package io.convscope.ui.explorer;
