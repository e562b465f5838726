/**
 * The attribution mode (issue 16, "Why did it decide?"): {@link io.convscope.ui.attribution.AttributionView} with its
 * controls, the map over the photo and drawn on its own with a legend and the method's formula, the comparison of
 * methods, the occlusion probe (drag a grey square, the class bars follow) and the sanity check. Engine work runs off
 * the FX thread through {@code ui.tasks.EngineService} ({@link io.convscope.ui.attribution.AttributionWork}, one
 * compiled attribution network per model in a byte-bounded cache). It uses the engine, {@code explain.attribution},
 * {@code ui.common}, {@code ui.tasks} and {@code ui.workspace}; never the shell.
 */
package io.convscope.ui.attribution;
