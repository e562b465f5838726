/**
 * The arithmetic behind every explanation view: convolution (the sliding window, each formula step), element-wise
 * steps (activations, padding, batch norm, addition, concatenation, scaling, upsampling), pooling, flatten and
 * softmax, each recomputed from the snapshot so the views print the engine's numbers. It may use {@code explain}
 * and {@code network}.
 */
package io.convscope.explain.views;
