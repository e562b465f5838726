package io.convscope.network;

/**
 * One step of the model-randomisation sanity check (Adebayo et al., NeurIPS 2018): the map after the weights of
 * {@code layer} and of every layer above it were replaced by random draws, compared with the trained model's map.
 *
 * @param layer      the lowest layer randomised so far
 * @param spearman   Spearman's rank correlation with the original map (1: same order of importance)
 * @param similarity global SSIM with the original map (see the engine's {@code Heatmaps.ssim})
 * @param map        the map of the partly randomised model
 */
public record SanityStep(String layer, double spearman, double similarity, AttributionMap map) {}
