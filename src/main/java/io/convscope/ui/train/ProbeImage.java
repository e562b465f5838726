package io.convscope.ui.train;

import io.convscope.engine.dataset.TrainingData;
import io.convscope.engine.dataset.TrainingImages;
import io.convscope.image.ImagePreprocessor;
import io.convscope.network.NetworkDescription;
import io.convscope.network.Shape;

import java.awt.image.BufferedImage;

/**
 * The image whose overview the Train workspace re-runs while the network learns: a picture (the overview's current
 * image, or a file the student chose) cut to the network's input size as the overview does, or one of the run's
 * validation images as the network sees it. Chosen on the FX thread, read on the training thread: the choice is one
 * immutable value, and its pixels at the input size are kept until the next choice.
 */
final class ProbeImage {

    /** A picture ({@code upright}, named {@code name}) or, when that is null, validation image {@code index}. */
    record Choice(BufferedImage upright, String name, int index) {
        static Choice validation(int index) {
            return new Choice(null, null, index);
        }
    }

    private record Cut(Choice choice, Shape shape, float[] pixels) {}

    private volatile Choice choice = Choice.validation(0);
    private volatile Cut cut;

    void choose(Choice c) {
        choice = c;
    }

    Choice choice() {
        return choice;
    }

    /**
     * The image at {@code network}'s input size; validation image 0 when the picture does not suit the network (not
     * three colour channels) or, for a validation index, the index wrapped to the split.
     */
    float[] at(NetworkDescription network, TrainingImages validation) {
        Choice c = choice;
        Shape shape = network.inputShape();
        Cut k = cut;
        if (k != null && k.choice() == c && k.shape().equals(shape)) {
            return k.pixels();
        }
        float[] pixels;
        if (c.upright() != null && shape.channels() == 3) {
            pixels = ImagePreprocessor.toChw(
                    ImagePreprocessor.resizeAndCrop(c.upright(), shape.height(), shape.width()));
        } else if (validation != null && validation.size() > 0) {
            pixels = TrainingData.image(validation, Math.floorMod(c.index(), validation.size()));
        } else {
            pixels = new float[shape.size()];
        }
        cut = new Cut(c, shape, pixels);
        return pixels;
    }
}
