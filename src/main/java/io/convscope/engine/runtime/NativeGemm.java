package io.convscope.engine.runtime;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Big matrix products for {@link CompiledNetwork}, done by ND4J's BLAS (OpenBLAS here, multi-threaded), with the
 * data moved between Java arrays and native memory by bulk copies.
 * <p>
 * Measured on this project's 2-core machine: {@code Nd4j.gemm} runs a VGG-sized product at about 95 GFLOP/s, where
 * our vectorised Java loops reach a few; but {@code Nd4j.create(float[])} copied 115 MB in ~170 ms and a fresh
 * native allocation of that size costs ~70 ms, while a bulk {@link FloatBuffer#put} into an existing buffer takes
 * ~12 ms. So the unfolded input and the product live in per-thread native buffers that are reused, and only whole
 * rows are copied in and out.
 */
public final class NativeGemm {

    /**
     * Below this many multiply-adds a layer stays on the Java loops: the per-call overhead of ND4J (tens of
     * microseconds, plus the copies) would outweigh BLAS for Tiny VGG's layers (at most 3.2 M each, ~1 ms in all).
     */
    static final long MIN_MACS = 8_000_000L;

    private NativeGemm() {}

    /** Native scratch of one thread: the unfolded input and the product, grown on demand and reused. */
    private static final class Scratch {
        DataBuffer input;
        DataBuffer output;

        DataBuffer input(long length) {
            if (input == null || input.length() < length) {
                input = Nd4j.createBuffer(DataType.FLOAT, length, false);
            }
            return input;
        }

        DataBuffer output(long length) {
            if (output == null || output.length() < length) {
                output = Nd4j.createBuffer(DataType.FLOAT, length, false);
            }
            return output;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * A weight matrix held natively. Opaque on purpose: the compiled steps keep one without importing ND4J, so the
     * runtime's only contact with ND4J is this class.
     */
    static final class Matrix {
        private final INDArray values;

        private Matrix(INDArray values) {
            this.values = values;
        }
    }

    /** A native {@code rows x cols} copy of a row-major array (weights, built once per model). */
    static Matrix matrix(float[] rowMajor, int rows, int cols) {
        INDArray m = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
        floats(m.data()).put(rowMajor, 0, rows * cols);
        return new Matrix(m);
    }

    /**
     * {@code out[m][n] = sum_k a[m][k] * b[k][n]} where {@code b}'s rows are {@code bRows[0..k)} (each at least
     * {@code n} long, e.g. the im2col lines) and {@code out} is row-major {@code m x n}.
     */
    static void multiply(Matrix matrix, float[][] bRows, int k, int n, float[] out) {
        INDArray a = matrix.values;
        Scratch s = SCRATCH.get();
        DataBuffer bBuf = s.input((long) k * n);
        FloatBuffer in = floats(bBuf);
        for (int row = 0; row < k; row++) {
            in.put(bRows[row], 0, n);
        }
        int m = (int) a.rows();
        DataBuffer cBuf = s.output((long) m * n);
        INDArray b = Nd4j.create(bBuf, new long[] {k, n});
        INDArray c = Nd4j.create(cBuf, new long[] {m, n});
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        floats(cBuf).get(out, 0, m * n);
    }

    /** {@code out[o] = sum_i w[o][i] * x[i]} for a native {@code w} of {@code out.length x x.length}. */
    static void multiplyVector(Matrix matrix, float[] x, float[] out) {
        INDArray w = matrix.values;
        Scratch s = SCRATCH.get();
        DataBuffer xBuf = s.input(x.length);
        floats(xBuf).put(x, 0, x.length);
        DataBuffer yBuf = s.output(out.length);
        INDArray xv = Nd4j.create(xBuf, new long[] {x.length, 1});
        INDArray y = Nd4j.create(yBuf, new long[] {out.length, 1});
        Nd4j.gemm(w, xv, y, false, false, 1.0, 0.0);
        floats(yBuf).get(out, 0, out.length);
    }

    /** Every value of a native array, copied into a Java array in its own (c) order. */
    public static float[] toArray(INDArray contiguous) {
        float[] v = new float[(int) contiguous.length()];
        floats(contiguous.data()).get(v);
        // The NIO view does not keep the array alive: without the fence, a temporary (DenseFactory's transposed
        // copy) may be collected and its memory freed by ND4J's deallocator while the copy still reads it.
        Reference.reachabilityFence(contiguous);
        return v;
    }

    private static FloatBuffer floats(DataBuffer buffer) {
        return buffer.asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
