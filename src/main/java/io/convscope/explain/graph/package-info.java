/**
 * The analyzer graph's layout (layered, with repeated blocks folded) and what of it is visible, without a screen.
 * It may use {@code network.graph}.
 */
package io.convscope.explain.graph;
