package io.convscope.engine;

import io.convscope.network.Gradients;
import io.convscope.network.ParameterBlock;
import io.convscope.network.Shape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@link TinyVggTrainable}'s hand-written passes as a {@link TrainerNetwork}, spread over the cores: thread t takes
 * images t, t + threads, ... into its own workspace, and the gradients are summed in thread order, so a run is the
 * same every time on the same machine. Kept until the compiled backward pass trains Tiny VGG as fast.
 */
final class HandWrittenTinyVgg implements TrainerNetwork {

    /** DL4J layer index of each parameter pair (conv W, b ... output W, b). */
    private static final int[] DL4J_LAYERS = {0, 2, 5, 7, 10};

    private final TinyVggTrainable model;
    private final long seed;
    private final List<ParameterBlock> blocks;
    private final TinyVggTrainable.Workspace[] workspaces;
    private final ExecutorService pool;

    HandWrittenTinyVgg(long seed, int classes, int threads) {
        this.model = TinyVggTrainable.initialise(seed, classes);
        this.seed = seed;
        List<ParameterBlock> list = new ArrayList<>();
        for (int l = 0; l < DL4J_LAYERS.length; l++) {
            String layer = Integer.toString(DL4J_LAYERS[l]);
            list.add(new ParameterBlock(
                    DL4J_LAYERS[l] + 1, layer, "W", ParameterBlock.Role.WEIGHT, model.params[2 * l]));
            list.add(new ParameterBlock(
                    DL4J_LAYERS[l] + 1, layer, "b", ParameterBlock.Role.BIAS, model.params[2 * l + 1]));
        }
        blocks = List.copyOf(list);
        workspaces = new TinyVggTrainable.Workspace[Math.max(1, threads)];
        for (int t = 0; t < workspaces.length; t++) {
            workspaces[t] = model.new Workspace();
        }
        pool = Executors.newFixedThreadPool(workspaces.length, r -> {
            Thread thread = new Thread(r, "convscope-train");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Shape inputShape() {
        return new Shape(3, TinyVgg.INPUT_SIZE, TinyVgg.INPUT_SIZE);
    }

    @Override
    public int classes() {
        return model.classes;
    }

    @Override
    public List<ParameterBlock> parameters() {
        return blocks;
    }

    @Override
    public void parametersChanged() {
        // the workspaces read the live arrays
    }

    @Override
    public Gradients lossGradients(float[][] images, int[] labels, double labelSmoothing, long dropoutSeed) {
        int n = images.length;
        int threads = Math.min(workspaces.length, n);
        float scale = 1f / n;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            TinyVggTrainable.Workspace w = workspaces[t];
            int first = t;
            tasks.add(() -> {
                w.reset();
                for (int i = first; i < n; i += threads) {
                    w.accumulate(images[i], labels[i], labelSmoothing, scale);
                }
                return null;
            });
        }
        runAll(tasks);
        double loss = 0;
        int correct = 0;
        List<float[]> sums = new ArrayList<>();
        for (int p = 0; p < blocks.size(); p++) {
            float[] sum = workspaces[0].grads[p].clone();
            for (int t = 1; t < threads; t++) {
                float[] g = workspaces[t].grads[p];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += g[i];
                }
            }
            sums.add(sum);
        }
        for (int t = 0; t < threads; t++) {
            loss += workspaces[t].loss;
            correct += workspaces[t].correct;
        }
        return new Gradients(loss / n, correct, sums, new float[][][] {new float[n][]});
    }

    @Override
    public float[][] probabilities(float[][] images) {
        float[][] out = new float[images.length][];
        int threads = workspaces.length;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            TinyVggTrainable.Workspace w = workspaces[t];
            int first = t;
            tasks.add(() -> {
                for (int i = first; i < images.length; i += threads) {
                    w.forward(images[i]);
                    out[i] = w.probabilities.clone();
                }
                return null;
            });
        }
        runAll(tasks);
        return out;
    }

    @Override
    public MultiLayerNetwork toDl4j() {
        return model.toDl4j(seed);
    }

    private void runAll(List<Callable<Void>> tasks) {
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            futures.add(pool.submit(task));
        }
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("training failed: " + e.getCause(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
