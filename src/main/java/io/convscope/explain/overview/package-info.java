/**
 * The overview without a screen: which neurons of each layer are shown, the columns and their geometry, the edges
 * and their routes, the viewport and the readout text under the pointer. It may use {@code explain} and
 * {@code network}.
 */
package io.convscope.explain.overview;
