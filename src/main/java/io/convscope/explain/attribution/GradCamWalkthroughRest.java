package io.convscope.explain.attribution;

/**
 * The channels of a Grad-CAM walkthrough that are not drawn one by one (VGG-16's last layer has 512): how many, what
 * they add together, and how much of the weighted maps they carry.
 *
 * @param channels how many channels are summarised
 * @param map      their sum {@code sum_k alpha_k A_k} over those channels, one value per cell
 * @param share    their part of {@code sum_k sum_ij |alpha_k A_kij|} over all channels, 0 to 1 (0 when every term is 0)
 */
public record GradCamWalkthroughRest(int channels, float[] map, double share) {}
