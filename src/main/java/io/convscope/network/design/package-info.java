/**
 * A network a student designs: a small JSON or YAML description (input size, channels, classes, a list of
 * convolution, pooling, global pooling, dense and dropout blocks) read into plain records, checked field by field,
 * and planned layer by layer with {@link io.convscope.network.ConvGeometry}'s output sizes. Plain Java (and Jackson to
 * read and write the files); the engine turns a plan into a DL4J network. It may use {@code network}.
 */
package io.convscope.network.design;
