/**
 * ConvScope: look inside a real convolutional neural network, down to every number. {@code Launcher} starts the
 * app or, with arguments, the command line. The layers below it flow one way (checked by
 * {@code LayerDependenciesTest}): {@code engine} → {@code network} → {@code explain} → {@code ui} and {@code cli}.
 */
package io.convscope;
