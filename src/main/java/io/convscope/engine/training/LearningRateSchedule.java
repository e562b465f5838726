package io.convscope.engine.training;

/**
 * The learning rate for each minibatch: {@code epoch} counts from 1, {@code batch} from 0 within it, so warm-up and
 * cosine decay move smoothly from batch to batch and a resumed run sees the same rates as an unbroken one.
 */
sealed interface LearningRateSchedule {

    double rate(int epoch, int batch, int batchesPerEpoch);

    /** Epochs done before this batch, as a fraction. */
    private static double progress(int epoch, int batch, int batchesPerEpoch) {
        return epoch - 1 + batch / (double) batchesPerEpoch;
    }

    record Constant(double base) implements LearningRateSchedule {
        @Override
        public double rate(int epoch, int batch, int batchesPerEpoch) {
            return base;
        }
    }

    /**
     * A linear warm-up over {@code warmupEpochs} (from one batch's share of the base rate), then half a cosine from
     * the base rate down to {@code floor} times it at the end of {@code epochs}.
     */
    record Cosine(double base, int epochs, double warmupEpochs, double floor) implements LearningRateSchedule {
        @Override
        public double rate(int epoch, int batch, int batchesPerEpoch) {
            double t = progress(epoch, batch, batchesPerEpoch);
            if (t < warmupEpochs) {
                return base * (t + 1.0 / batchesPerEpoch) / (warmupEpochs + 1.0 / batchesPerEpoch);
            }
            double span = Math.max(epochs - warmupEpochs, 1e-9);
            double done = Math.min(1, (t - warmupEpochs) / span);
            return base * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * done)));
        }
    }

    /** The base rate multiplied by {@code factor} after every {@code everyEpochs} epochs. */
    record StepDecay(double base, int everyEpochs, double factor) implements LearningRateSchedule {
        @Override
        public double rate(int epoch, int batch, int batchesPerEpoch) {
            return base * Math.pow(factor, (epoch - 1) / everyEpochs);
        }
    }
}
