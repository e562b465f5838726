/**
 * A network a student designs: a small JSON or YAML description (input size, channels, classes, a list of
 * convolution, pooling, global pooling, dense and dropout blocks) read into plain records, checked field by field,
 * and planned layer by layer with the output sizes of {@code network.ConvGeometry}. Plain Java (and Jackson to
 * read and write the files); the engine turns a plan into a DL4J network. It may use {@code network}.
 */
package io.convscope.network.design;
