package io.convscope.ui.attribution;

import io.convscope.engine.Inference;

/**
 * What the Grad-CAM step-by-step view needs to show a Grad-CAM result on screen: the model, the image as the engine's
 * input array (channel-major, RGB / 255), the class whose logit was explained and the description layer it read.
 */
public record CamRequest(Inference model, float[] image, int classIndex, int layer) {}
