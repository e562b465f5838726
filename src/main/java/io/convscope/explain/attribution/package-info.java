/**
 * Attribution maps without a screen (issue 16). The Grad-CAM walkthrough ({@code GradCamWalkthrough*}): every step
 * from a layer's maps {@code A_k} and their gradients {@code dy/dA_k} to the map over the image, with each formula
 * written out in the network's own numbers, computed in the engine's order so that the final map equals the engine's
 * Grad-CAM exactly.
 *
 * <p>What it may use: {@code io.convscope.network} (the maps and gradients arrive as a {@code CamInputs} record) and
 * {@code io.convscope.explain}; never the engine, DL4J or JavaFX.
 */
package io.convscope.explain.attribution;
