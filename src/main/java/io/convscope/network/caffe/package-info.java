/**
 * Caffe {@code .prototxt} network definitions: our own protobuf-text parser and an importer into
 * {@code network.graph}, which checks every number and names the file, layer and field when it refuses one. Plain
 * Java; it may use {@code network} and {@code network.graph}.
 */
package io.convscope.network.caffe;
