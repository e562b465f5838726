/**
 * View models without a screen, shared by every view: colour scales and ranges, how numbers are printed (decimals,
 * sums that add up), the navigation state machine and the formulas. The overview's geometry and readout are in
 * {@code explain.overview}, the arithmetic behind each explanation view in {@code explain.views}, the Learn article
 * and the hyperparameter playground in {@code explain.article}, the analyzer's graph layout in {@code explain.graph}.
 * Everything here is testable without JavaFX. It may use {@code network}; never {@code engine}, {@code ui} or
 * {@code cli}.
 */
package io.convscope.explain;
