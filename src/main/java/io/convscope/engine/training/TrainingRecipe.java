package io.convscope.engine.training;

import io.convscope.network.ParameterBlock;

import java.util.List;
import java.util.Locale;

/**
 * How to train, apart from what and for how long: the optimiser and its learning-rate schedule, weight decay, label
 * smoothing, weight averaging and augmentation.
 *
 * @param warmupEpochs  linear warm-up before the cosine decay (cosine only)
 * @param stepEvery     epochs between two decays of the step schedule; {@code stepFactor} is its multiplier
 * @param averageDecay  decay of the weight average that is evaluated and exported; 0 evaluates the weights as they are
 */
public record TrainingRecipe(
        OptimiserKind optimiser,
        double learningRate,
        ScheduleKind schedule,
        double warmupEpochs,
        int stepEvery,
        double stepFactor,
        double weightDecay,
        double labelSmoothing,
        double averageDecay,
        boolean augment) {

    public enum OptimiserKind {
        ADAMW,
        SGD
    }

    public enum ScheduleKind {
        CONSTANT,
        COSINE,
        STEP
    }

    /** Our recipe for Tiny VGG before this issue: AdamW at 0.002, cosine decay to 2 %, weight decay 1e-4, augmented. */
    public static TrainingRecipe standard(double learningRate) {
        return new TrainingRecipe(OptimiserKind.ADAMW, learningRate, ScheduleKind.COSINE, 0, 30, 0.1, 1e-4, 0, 0, true);
    }

    Optimiser optimiser(List<ParameterBlock> blocks) {
        return optimiser == OptimiserKind.ADAMW
                ? new AdamW(blocks, weightDecay)
                : new SgdMomentum(blocks, 0.9, weightDecay);
    }

    LearningRateSchedule schedule(int epochs) {
        return switch (schedule) {
            case CONSTANT -> new LearningRateSchedule.Constant(learningRate);
            case COSINE -> new LearningRateSchedule.Cosine(learningRate, epochs, warmupEpochs, 0.02);
            case STEP -> new LearningRateSchedule.StepDecay(learningRate, stepEvery, stepFactor);
        };
    }

    /** What a checkpoint records, so a resume with other options is refused instead of mixing two recipes. */
    String fingerprint() {
        return String.format(
                Locale.ROOT,
                "%s lr %s %s warmup %s step %d x %s decay %s smoothing %s average %s augment %s",
                optimiser,
                learningRate,
                schedule,
                warmupEpochs,
                stepEvery,
                stepFactor,
                weightDecay,
                labelSmoothing,
                averageDecay,
                augment);
    }
}
