/**
 * The Grad-CAM walkthrough view (issue 16), in CNN Explainer's style: a layer's maps {@code A_k}, their gradients,
 * the means {@code alpha_k} as bars, the weighted maps, their sum, the ReLU and the upsampling over the image, every
 * cell hoverable with its formula in the network's own numbers. {@code GradCamSteps} is the view; its static
 * {@code compute} runs the engine (off the FX thread) and hands over an {@code explain.attribution.GradCamWalkthrough}.
 *
 * <p>What it may use: the engine only in {@code GradCamSteps.compute} (to get the maps and gradients),
 * {@code explain}, {@code network}, {@code ui.common}, {@code ui.workspace}; never the shell. Text comes from the
 * {@code io.convscope.ui.messages} bundle of the workspace's language.
 */
package io.convscope.ui.attribution.gradcam;
