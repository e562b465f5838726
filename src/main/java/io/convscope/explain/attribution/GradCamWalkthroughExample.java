package io.convscope.explain.attribution;

import io.convscope.network.CamInputs;
import io.convscope.network.Shape;

import java.util.Arrays;

/**
 * The Learn article's worked Grad-CAM, small enough to check by hand: two 2 x 2 maps, A_0 = [1 2; 3 4] whose gradient
 * is 0.5 in every cell and A_1 = [4 0; 0 4] whose gradient is -1, so alpha = (0.5, -1),
 * S = 0.5 A_0 - A_1 = [-3.5 1; 1.5 -2] and ReLU(S) = [0 1; 1.5 0], over a 4 x 4 grey image.
 */
public final class GradCamWalkthroughExample {

    private GradCamWalkthroughExample() {}

    public static GradCamWalkthrough twoMaps() {
        CamInputs in = new CamInputs(
                0,
                "example",
                2.5f,
                "example",
                new Shape(2, 2, 2),
                new float[] {1, 2, 3, 4, 4, 0, 0, 4},
                new float[] {0.5f, 0.5f, 0.5f, 0.5f, -1, -1, -1, -1},
                false);
        float[] grey = new float[16];
        Arrays.fill(grey, 0.5f);
        return GradCamWalkthrough.of(in, grey, new Shape(1, 4, 4));
    }
}
