/**
 * Training any compiled network: the trainer and one epoch's minibatch loop, the recipe (AdamW or SGD with
 * momentum, constant, cosine or step schedules, label smoothing, weight averaging) and its checks, checkpoints
 * written as atomic sets (resumable after a kill, refusing another recipe), and the trained model written as a DL4J
 * zip with its metadata and split. {@code TrainingSession} runs the same loop for the app: on its own thread, paused
 * (costing no CPU), stepped one batch at a time, resumed or stopped, with every finished epoch kept for looking back;
 * {@code RunSettings} is such a run's settings file. It may use {@code engine}, {@code engine.runtime}, {@code engine.dataset},
 * {@code image} and {@code network}.
 */
package io.convscope.engine.training;
