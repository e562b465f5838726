/**
 * View models of the Train workspace, without a screen: the simple architecture form ({@code DesignDraft}) and
 * what it costs, layer by layer, with the analyzer's own formulas ({@code DesignSummary}), and the loss curve kept to
 * a bounded number of points however long a run goes ({@code CurvePoints}). It may use {@code network} (and
 * {@code network.design}); never the engine or JavaFX.
 */
package io.convscope.explain.training;
