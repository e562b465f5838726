/**
 * The JavaFX app: the main window and its workspace model, the engine service that runs requests off the FX thread,
 * the explanation host and the shared widgets; the overview is in {@code ui.overview}, the explanation views in
 * {@code ui.explanation}, the Learn panel and the
 * hyperparameter playground are in {@code ui.learn}, the architecture analyzer is in {@code ui.architecture}.
 * The only packages that use JavaFX, AtlantaFX and Ikonli. It may use {@code engine} (through its public model, inference and preset API),
 * {@code network} and {@code explain}.
 */
package io.convscope.ui;
