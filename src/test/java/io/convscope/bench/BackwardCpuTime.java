package io.convscope.bench;

import io.convscope.engine.ImagePreprocessor;
import io.convscope.engine.LoadedModel;
import io.convscope.engine.ModelLoader;
import io.convscope.engine.TrainableNetwork;
import io.convscope.network.ActivationSnapshot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Random;

/**
 * The backward pass's cost in CPU time of one thread, which a machine shared with other builds does not distort the
 * way it distorts wall-clock time: one training step at batch 32 (forward, backward to every parameter), one image's
 * forward and backward to its input, and one image's forward alone. Run it with one core so the whole pass stays on
 * the measuring thread; on two idle cores a training step takes about half its one-thread CPU time.
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
 * java -XX:ActiveProcessorCount=1 -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *      io.convscope.bench.BackwardCpuTime
 * </pre>
 */
public final class BackwardCpuTime {

    private BackwardCpuTime() {}

    public static void main(String[] args) throws Exception {
        LoadedModel model = ModelLoader.loadBundled();
        TrainableNetwork network = TrainableNetwork.of(model);
        float[] coffee = ImagePreprocessor.load(Path.of("sample-images", "coffee.png"), 64, 64);
        Random r = new Random(1);
        float[][] batch = new float[32][];
        int[] labels = new int[32];
        for (int n = 0; n < batch.length; n++) {
            batch[n] = coffee.clone();
            for (int i = 0; i < coffee.length; i++) {
                batch[n][i] = Math.min(1, Math.max(0, coffee[i] + 0.2f * (r.nextFloat() - 0.5f)));
            }
            labels[n] = r.nextInt(10);
        }
        ActivationSnapshot snapshot = model.compiled().forward(coffee);
        float[] oneHot = new float[10];
        oneHot[0] = 1;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 8; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 5; i++) {
                network.trainingGradients(batch, labels, 0, i);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 100; i++) {
                network.logitGradient(coffee, 0);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 100; i++) {
                network.probabilities(new float[][] {coffee});
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 100; i++) {
                network.backward(snapshot, network.logitsLayer(), oneHot);
            }
            long t4 = cpu.getCurrentThreadCpuTime();
            System.out.printf(
                    "round %d: training step (batch 32) %.1f ms, forward + backward to the input %.2f ms,"
                            + " forward %.2f ms, backward from the app's snapshot %.2f ms (CPU time of one thread)%n",
                    round, (t1 - t0) / 5e6, (t2 - t1) / 100e6, (t3 - t2) / 100e6, (t4 - t3) / 100e6);
        }
    }
}
