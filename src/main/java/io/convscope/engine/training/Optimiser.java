package io.convscope.engine.training;

import io.convscope.network.ParameterBlock;

import java.util.List;

/**
 * Turns a minibatch's mean gradient into a parameter update. Gradients are aligned with the blocks; blocks that are
 * not {@link ParameterBlock#trainable() trainable} (running statistics) are left alone.
 */
interface Optimiser extends TrainingState {

    void update(List<ParameterBlock> blocks, float[][] gradients, double learningRate);
}
