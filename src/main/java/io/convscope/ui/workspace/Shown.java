package io.convscope.ui.workspace;

import io.convscope.network.ActivationSnapshot;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.util.function.UnaryOperator;

/** The image being shown (a file, a pasted image or a sample) and everything computed for it. */
public record Shown(
        String key,
        String title,
        String sample,
        BufferedImage upright,
        BufferedImage input,
        ActivationSnapshot snapshot) {

    /** The same image with another snapshot: null among the window's recent samples, whose snapshots the engine caches. */
    public Shown with(ActivationSnapshot snapshot) {
        return new Shown(key, title, sample, upright, input, snapshot);
    }

    /**
     * The title in the current language: a sample's comes from {@code sampleTitles} (the gallery's translations), a
     * file's name is its name.
     */
    public String titleIn(UnaryOperator<String> sampleTitles) {
        return sample == null ? title : sampleTitles.apply(sample);
    }

    /** What the two decoded images hold. */
    public long imageBytes() {
        return bytes(upright) + bytes(input);
    }

    private static long bytes(BufferedImage image) {
        DataBuffer data = image.getRaster().getDataBuffer();
        return (long) data.getSize() * data.getNumBanks() * DataBuffer.getDataTypeSize(data.getDataType()) / 8;
    }
}
