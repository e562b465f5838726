package io.convscope.explain.attribution;

import io.convscope.network.AttributionMap;

/**
 * Which plane of a map is drawn. A map over the input's channels (gradient, SmoothGrad, integrated gradients) is
 * drawn as max |.| over its channels ({@link #MAGNITUDE}, {@link AttributionMap#pixelMap()}) or one channel signed;
 * the CAMs and occlusion have one plane.
 *
 * @param channel -1 for max |.| over the channels, else the signed channel shown
 */
public record MapPlane(int channel) {

    public static final MapPlane MAGNITUDE = new MapPlane(-1);

    /** This plane of {@code map}, row-major at the map's resolution; a one-plane map ignores the channel. */
    public float[] values(AttributionMap map) {
        if (channel < 0 || !map.overInputChannels()) {
            return map.pixelMap();
        }
        return map.channel(Math.min(channel, map.shape().channels() - 1));
    }

    /** This plane for {@code map}: a channel beyond the map's (a one-channel model) falls back to the magnitude. */
    public MapPlane fitting(AttributionMap map) {
        return channel >= 0 && map.overInputChannels() && channel < map.shape().channels() ? this : MAGNITUDE;
    }
}
