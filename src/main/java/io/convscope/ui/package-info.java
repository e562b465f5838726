/**
 * The JavaFX app: the main window and its workspace model, the engine service that runs requests off the FX thread,
 * the overview, the explanation views, the Learn panel and the architecture analyzer. The only package that uses
 * JavaFX, AtlantaFX and Ikonli. It may use {@code engine} (through its public model, inference and preset API),
 * {@code network} and {@code explain}.
 */
package io.convscope.ui;
