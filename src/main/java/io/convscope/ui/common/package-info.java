/**
 * Widgets shared by the features: heatmaps drawn as crisp pixel blocks, legends, the colour palette, motion
 * timings, info buttons, fit-and-shrink containers, the matrix grid, class names, the random-weights badge and the
 * reasons failures are told with. It may use {@code ui.workspace}, {@code explain}, {@code network} and the image
 * input's and the data sets' exceptions; never the shell or a feature package.
 */
package io.convscope.ui.common;
