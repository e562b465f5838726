package io.convscope.network;

/**
 * What a model made of one labelled image, kept small (about 100 bytes, never the pixels) so that a data set of
 * 10,000 images can be explored with its per-image results in memory.
 *
 * @param path       the image, relative to the evaluated folder ({@code /} separated)
 * @param truth      the labelled class
 * @param predicted  the most probable class
 * @param pTruth     the probability given to the labelled class
 * @param pPredicted the probability of the predicted class
 * @param loss       the cross-entropy {@code -ln p(truth)}, from the logits so a vanishing probability stays finite
 */
public record ImageOutcome(String path, int truth, int predicted, float pTruth, float pPredicted, float loss) {

    public boolean correct() {
        return truth == predicted;
    }
}
