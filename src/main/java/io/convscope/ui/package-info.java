/**
 * The JavaFX shell: the application, the main window with its toolbar and status bar, the explanation host, and the
 * engine requests that turn a click into work on the engine service. Features live in their own packages:
 * {@code ui.workspace} (the one observable model the window binds to, settings, language), {@code ui.common}
 * (shared widgets: heatmaps, legends, palette, motion), {@code ui.input} (the image sources and gallery),
 * {@code ui.tasks} (the engine service and its request ledger), {@code ui.overview}, {@code ui.explanation},
 * {@code ui.learn} and {@code ui.architecture}. The only packages that use JavaFX, AtlantaFX and Ikonli. They may use
 * {@code engine} (through its public model, inference and preset API), {@code image}, {@code network} and
 * {@code explain}; feature packages never use the shell.
 */
package io.convscope.ui;
