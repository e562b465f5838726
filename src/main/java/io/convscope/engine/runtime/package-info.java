/**
 * The runtime of a compiled network: the sealed {@code Step} interface and its implementations (linear,
 * pooling, normalisation, element-wise, layout, detection), the forward kernels (im2col and a native GEMM) and
 * {@code CompiledNetwork}, which runs the steps and hands out immutable {@code network} activation snapshots. It uses
 * ND4J only for its BLAS; it never reads a DL4J model itself (that is {@code engine.compile}).
 */
package io.convscope.engine.runtime;
