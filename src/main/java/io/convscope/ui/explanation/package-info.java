/**
 * The explanation views that open from the overview: the convolution view (the kernel sliding over the input, channel
 * pages, readout and shapes), the convolution and element-wise formula panels that step through one neuron's
 * arithmetic, the flatten view and the softmax panel.
 *
 * <p>What it may use: {@code io.convscope.explain} (the explanations and their numbers) and {@code io.convscope.network}
 * (activation snapshots, layer descriptions), never the engine, DL4J or ND4J; and the shared widgets of
 * {@code io.convscope.ui.common}. The formula panels are in {@code ui.explanation.formula}, the flatten view in
 * {@code ui.explanation.flatten}. Text comes from the
 * {@code io.convscope.ui.messages} bundle the caller passes in.
 *
 * <p>Who uses it: the main window and its explanation host build and show these views; the Grad-CAM walkthrough
 * ({@code ui.attribution.gradcam}) borrows the colour legend of {@code ConvolutionShapes}, so its legends look the
 * same. Nothing else reaches into this package.
 */
package io.convscope.ui.explanation;
