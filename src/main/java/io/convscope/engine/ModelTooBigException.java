package io.convscope.engine;

/**
 * A model whose forward pass with every activation kept cannot fit in the free Java heap (see {@link PassMemory}).
 * The figures are kept so the app can say the same sentence in the student's language.
 */
public final class ModelTooBigException extends ModelLoadException {

    private final String model;
    private final long neededBytes;
    private final long freeBytes;
    private final long maxBytes;
    private final int suggestedHeapGb;

    public ModelTooBigException(String model, long neededBytes, long freeBytes, long maxBytes, int suggestedHeapGb) {
        super(model + " needs about " + PassMemory.readable(neededBytes) + " for one image with every activation kept;"
                + " this Java heap has " + PassMemory.readable(Math.max(0, freeBytes)) + " free of "
                + PassMemory.readable(maxBytes) + ": start Java with -Xmx" + suggestedHeapGb + "g or more"
                + " (java -Xmx" + suggestedHeapGb + "g -jar convscope.jar ...)");
        this.model = model;
        this.neededBytes = neededBytes;
        this.freeBytes = freeBytes;
        this.maxBytes = maxBytes;
        this.suggestedHeapGb = suggestedHeapGb;
    }

    public String model() {
        return model;
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long freeBytes() {
        return freeBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int suggestedHeapGb() {
        return suggestedHeapGb;
    }
}
