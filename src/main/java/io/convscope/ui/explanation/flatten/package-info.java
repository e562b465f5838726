/**
 * The flatten view: the last maps unrolled into columns, the sum line into a chosen class and its legend. It may use
 * {@code explain}, {@code explain.views}, {@code network}, {@code ui.common} and {@code ui.explanation}.
 */
package io.convscope.ui.explanation.flatten;
