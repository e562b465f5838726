/**
 * The architecture analyzer: a window of its own that draws a whole network (a preset, a Caffe prototxt, an
 * architecture JSON or the model the main window shows) as a zoomable, tiled graph beside a table of shapes,
 * parameters and multiply-accumulates, with search, collapsible blocks, a node card, the "how is this counted?"
 * formula help and PNG / SVG / CSV export.
 *
 * <p>What it may use: the graph model and its importers ({@code io.convscope.network.graph},
 * {@code io.convscope.network.caffe}); the layout, labels, colours and exports of that graph
 * ({@code io.convscope.explain.graph}); the engine only through its public model and preset API
 * ({@code ArchitecturePresets}, {@code LoadedModel}, {@code ModelLoader}, {@code AtomicFiles}), never DL4J or ND4J;
 * and {@code io.convscope.ui.common} (the palette's colour conversion) and {@code Palette.STYLESHEET} (the app's
 * stylesheet). The graph drawing itself is in {@code ui.architecture.graph}, the table, hover card and formula help
 * in {@code ui.architecture.details}. Text comes from the
 * {@code io.convscope.ui.messages} bundle the caller passes in.
 *
 * <p>Who uses it: the main window opens it through {@link io.convscope.ui.architecture.ArchitectureWindow#show};
 * nothing else in {@code io.convscope.ui} reaches into this package.
 */
package io.convscope.ui.architecture;
