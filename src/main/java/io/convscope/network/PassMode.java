package io.convscope.network;

/**
 * How a pass treats the steps that behave differently while training: batch normalisation (the running statistics at
 * inference; the batch's own mean and variance in training, which also updates the running ones) and dropout (the
 * identity at inference; a seeded random mask in training, the kept values divided by the keep probability).
 */
public enum PassMode {
    INFERENCE,
    TRAINING
}
