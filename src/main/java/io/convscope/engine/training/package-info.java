/**
 * Training and evaluation: image-folder data sets, augmentation, the optimiser, the trainer with its checkpoints
 * written as atomic sets (resumable after a kill), and evaluation of a model over a labelled folder. It may use
 * {@code engine}, {@code engine.runtime}, {@code image} and {@code network}.
 */
package io.convscope.engine.training;
