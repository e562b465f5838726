/**
 * The formula panels that step through one neuron's arithmetic: convolution, element-wise and pooling-style
 * stepping, each number the engine's. It may use {@code explain}, {@code explain.views}, {@code network} and
 * {@code ui.common}.
 */
package io.convscope.ui.explanation.formula;
