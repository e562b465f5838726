/**
 * The attribution view without a screen (issue 16): how a map is coloured and what its legend reads
 * ({@link io.convscope.explain.attribution.MapScale}), which plane of a map is drawn and what a hovered cell reads
 * ({@link io.convscope.explain.attribution.MapPlane}, {@link io.convscope.explain.attribution.MapReadout}), each
 * method's formula with the real values ({@link io.convscope.explain.attribution.MethodFormula}), and how several maps
 * share the space when methods are compared ({@link io.convscope.explain.attribution.ComparisonLayout}). It reads
 * {@code network.AttributionMap}s; never {@code engine}, {@code ui} or {@code cli}.
 */
package io.convscope.explain.attribution;
