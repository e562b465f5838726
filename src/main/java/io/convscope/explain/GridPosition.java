package io.convscope.explain;

/** A cell of a 2-D grid: row {@code y}, column {@code x}. Window origins may lie in the padding, so may be negative. */
public record GridPosition(int y, int x) {}
