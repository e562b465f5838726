package io.convscope.network;

/**
 * What a class activation map is made of, for one image and one explained value: a layer's maps {@code A_k} and the
 * gradient of that value with respect to them, {@code dy/dA_k}, as the engine computed them. The Grad-CAM
 * walkthrough shows every step from here to the map.
 *
 * @param target        the class index, or the flat index of the output cell, whose value y is explained
 * @param targetName    the class's name, or the cell as {@code channel c, row y, column x}
 * @param logit         y for the image (the logit before the softmax, or the output cell's value)
 * @param layer         the name of the layer whose maps are read
 * @param shape         that layer's output shape {@code [K, H, W]}
 * @param activations   the maps {@code A_k}, channel-major, {@code K * H * W} values
 * @param gradient      {@code dy/dA_k} in the same layout
 * @param randomWeights the model's weights are seeded random draws, so the map means nothing
 */
public record CamInputs(
        int target,
        String targetName,
        float logit,
        String layer,
        Shape shape,
        float[] activations,
        float[] gradient,
        boolean randomWeights) {

    public CamInputs {
        if (shape.isVector() || activations.length != shape.size() || gradient.length != shape.size()) {
            throw new IllegalArgumentException("maps of " + shape + " need " + shape.size() + " activations and"
                    + " gradients, not " + activations.length + " and " + gradient.length);
        }
    }
}
