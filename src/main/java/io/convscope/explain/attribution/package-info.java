/**
 * The attribution view without a screen (issue 16): how a map is coloured and what its legend reads
 * ({@link io.convscope.explain.attribution.MapScale}), which plane of a map is drawn and what a hovered cell reads
 * ({@link io.convscope.explain.attribution.MapPlane}, {@link io.convscope.explain.attribution.MapReadout}), each
 * method's formula with the real values ({@link io.convscope.explain.attribution.MethodFormula}), and how several maps
 * share the space when methods are compared ({@link io.convscope.explain.attribution.ComparisonLayout}). It reads
 * {@code network.AttributionMap}s; never {@code engine}, {@code ui} or {@code cli}.
 *
 * <p>Also the Grad-CAM walkthrough ({@code GradCamWalkthrough*}): every step
 * from a layer's maps {@code A_k} and their gradients {@code dy/dA_k} to the map over the image, with each formula
 * written out in the network's own numbers, computed in the engine's order so that the final map equals the engine's
 * Grad-CAM exactly.
 *
 * <p>What it may use: {@code io.convscope.network} (the maps and gradients arrive as a {@code CamInputs} record) and
 * {@code io.convscope.explain}; never the engine, DL4J or JavaFX.
 */
package io.convscope.explain.attribution;
