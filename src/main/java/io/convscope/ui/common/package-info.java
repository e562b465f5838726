/**
 * Widgets shared by the features: heatmaps drawn as crisp pixel blocks, legends, the colour palette, motion
 * timings, info buttons, fit-and-shrink containers, the matrix grid, class names and the random-weights badge. It
 * may use {@code ui.workspace}, {@code explain} and {@code network}; never the shell or a feature package.
 */
package io.convscope.ui.common;
