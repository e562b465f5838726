/**
 * The Learn article's figures drawn from the shown image's activations: input channels, kernels, ReLU, pooling and
 * flatten, the softmax table. It may use {@code explain}, {@code explain.article}, {@code explain.views},
 * {@code network} and {@code ui.common}.
 */
package io.convscope.ui.learn.figures;
