package io.convscope.network.caffe;

/** A {@code .prototxt} that is not valid protobuf text format; says where (1-based line and column) and why. */
public final class PrototxtException extends Exception {

    private final int line;
    private final int column;

    public PrototxtException(String message, int line, int column) {
        super("line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
