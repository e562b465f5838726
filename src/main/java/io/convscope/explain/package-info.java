/**
 * View models without a screen: colour scales and ranges, the overview's geometry and readout, the arithmetic behind
 * every explanation view and how its numbers are printed, the navigation state machine, the Learn article with its
 * live numbers, and the hyperparameter playground. Everything here is testable without JavaFX. It may use
 * {@code network}; never {@code engine}, {@code ui} or {@code cli}.
 */
package io.convscope.explain;
