package io.convscope.engine.attribution;

/**
 * Every method's parameters; each method reads its own.
 *
 * @param samples  SmoothGrad's number of noisy copies N
 * @param sigma    SmoothGrad's noise: standard deviation in input units (RGB / 255, so 0.15 is 15 % of the range)
 * @param steps    integrated gradients' number of points N on the straight path
 * @param baseline integrated gradients' starting image
 * @param layer    the layer a CAM reads, by name; null for {@link Attribution#defaultCamLayer()}
 * @param window   occlusion's square window, in input pixels
 * @param stride   occlusion's step between windows
 * @param fill     the value occlusion writes into every channel of the window (input units)
 * @param seed     SmoothGrad's noise seed (and the sanity check's random weights)
 */
public record AttributionSettings(
        int samples,
        double sigma,
        int steps,
        Baseline baseline,
        String layer,
        int window,
        int stride,
        float fill,
        long seed) {

    /** The defaults: SmoothGrad 25 copies at sigma 0.15, IG 32 steps from black, occlusion 8 / 4 / 0.5, seed 1. */
    public static final AttributionSettings DEFAULTS =
            new AttributionSettings(25, 0.15, 32, Baseline.BLACK, null, 8, 4, 0.5f, 1);

    public AttributionSettings {
        if (samples < 1 || steps < 1 || window < 1 || stride < 1 || !(sigma >= 0)) {
            throw new IllegalArgumentException("samples, steps, window and stride must be positive, sigma at least 0");
        }
    }

    public AttributionSettings withSteps(int n) {
        return new AttributionSettings(samples, sigma, n, baseline, layer, window, stride, fill, seed);
    }

    public AttributionSettings withSmoothing(int n, double noise) {
        return new AttributionSettings(n, noise, steps, baseline, layer, window, stride, fill, seed);
    }

    public AttributionSettings withBaseline(Baseline b) {
        return new AttributionSettings(samples, sigma, steps, b, layer, window, stride, fill, seed);
    }

    public AttributionSettings withLayer(String name) {
        return new AttributionSettings(samples, sigma, steps, baseline, name, window, stride, fill, seed);
    }

    public AttributionSettings withOcclusion(int size, int step, float value) {
        return new AttributionSettings(samples, sigma, steps, baseline, layer, size, step, value, seed);
    }

    public AttributionSettings withSeed(long s) {
        return new AttributionSettings(samples, sigma, steps, baseline, layer, window, stride, fill, s);
    }
}
