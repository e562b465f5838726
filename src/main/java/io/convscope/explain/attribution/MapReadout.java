package io.convscope.explain.attribution;

import io.convscope.explain.Decimals;
import io.convscope.network.AttributionMap;

import java.util.ResourceBundle;

/**
 * What the pointer over a map's cell reads: the raw value the engine computed there (before any normalisation or
 * upsampling), where the cell is, and for max |.| over the input's channels the signed value of every channel.
 *
 * @param row      the cell's row at the map's resolution
 * @param column   its column
 * @param value    the value of the plane drawn, exactly the map's
 * @param channels the signed value of each input channel at that pixel (max |.| plane only), else empty
 * @param text     the sentence the status line shows
 */
public record MapReadout(int row, int column, float value, float[] channels, String text) {

    /** More decimals than the legend's: the exact number under the pointer. */
    private static final int EXTRA_DECIMALS = 2;

    /** The reading of cell ({@code row}, {@code column}) of {@code plane} of {@code map}; null outside the map. */
    public static MapReadout at(AttributionMap map, MapPlane plane, int row, int column, ResourceBundle text) {
        int height = map.shape().height();
        int width = map.shape().width();
        if (row < 0 || column < 0 || row >= height || column >= width) {
            return null;
        }
        MapPlane shown = plane.fitting(map);
        float[] values = shown.values(map);
        float value = values[row * width + column];
        MapScale scale = MapScale.of(values);
        String v = exact(scale, value);
        float[] channels = new float[0];
        String sentence;
        if (map.method().equals("occlusion")) {
            int window = figure(map, "window");
            int stride = figure(map, "stride");
            sentence = String.format(
                    text.getString("attr.readout.occlusion"), row * stride, column * stride, window, window, v);
        } else if (map.layer() != null) {
            sentence = String.format(text.getString("attr.readout.cam"), row, column, map.layer(), v);
        } else if (shown.channel() < 0 && map.shape().channels() > 1) {
            int plane0 = height * width;
            channels = new float[map.shape().channels()];
            StringBuilder each = new StringBuilder();
            for (int c = 0; c < channels.length; c++) {
                channels[c] = map.values()[c * plane0 + row * width + column];
                each.append(c == 0 ? "" : ", ")
                        .append(channelName(text, c, channels.length))
                        .append(' ')
                        .append(exact(scale, channels[c]));
            }
            sentence = String.format(text.getString("attr.readout.magnitude"), row, column, v, each);
        } else {
            String channel = shown.channel() < 0
                    ? ""
                    : channelName(text, shown.channel(), map.shape().channels());
            sentence = String.format(text.getString("attr.readout.pixel"), row, column, channel, v)
                    .replace("  ", " ");
        }
        return new MapReadout(row, column, value, channels, sentence);
    }

    /** R, G, B for a colour input, else "channel c". */
    public static String channelName(ResourceBundle text, int channel, int channels) {
        return channels == 3 ? text.getString("attr.channel." + "rgb".charAt(channel)) : "c" + channel;
    }

    static String exact(MapScale scale, double value) {
        return Decimals.fixed(value, scale.decimals() + EXTRA_DECIMALS);
    }

    private static int figure(AttributionMap map, String name) {
        Double d = map.figures().get(name);
        return d == null ? 0 : d.intValue();
    }
}
