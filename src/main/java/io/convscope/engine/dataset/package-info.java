/**
 * Labelled image folders: train/val folders or one folder per class with a seeded stratified split written beside
 * the model, class order from {@code classes.tsv}, images decoded lazily into a cache bounded by bytes (unreadable
 * files skipped and listed, the memory needed stated first), augmentation, and the evaluation of a model over a
 * folder (only the held-out images of a split). It may use {@code engine}, {@code image} and {@code network}.
 */
package io.convscope.engine.dataset;
