/**
 * Training any compiled network: the trainer and one epoch's minibatch loop, the recipe (AdamW or SGD with
 * momentum, constant, cosine or step schedules, label smoothing, weight averaging) and its checks, checkpoints
 * written as atomic sets (resumable after a kill, refusing another recipe), and the trained model written as a DL4J
 * zip with its metadata and split. It may use {@code engine}, {@code engine.runtime}, {@code engine.dataset},
 * {@code image} and {@code network}.
 */
package io.convscope.engine.training;
