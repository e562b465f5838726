package io.convscope.network.caffe;

/**
 * A {@code .prototxt} that is not valid protobuf text format (says where, 1-based line and column, and why), or whose
 * values make no sense (says which layer and field).
 */
public final class PrototxtException extends Exception {

    private final int line;
    private final int column;

    public PrototxtException(String message, int line, int column) {
        super("line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    /**
     * A file that parses but says something impossible, e.g. {@code layer 'conv1': num_output -5 is not a positive
     * number}; {@code line} is where the layer starts, and the message (which callers prefix with the file) says which
     * layer and field.
     */
    public PrototxtException(String message, int line) {
        super(message);
        this.line = line;
        this.column = 0;
    }

    /** 1-based; 0 for a problem that is not at one column (see {@link #PrototxtException(String, int)}). */
    public int column() {
        return column;
    }

    public int line() {
        return line;
    }
}
