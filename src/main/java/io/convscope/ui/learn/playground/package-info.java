/**
 * The hyperparameter playground: kernel size, stride, padding and pooling controls, the animated input and output
 * grids and the output-size formula line. It may use {@code explain.article}, {@code explain}, {@code ui.common} and
 * {@code ui.learn}.
 */
package io.convscope.ui.learn.playground;
