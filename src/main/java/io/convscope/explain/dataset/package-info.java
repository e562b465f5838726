/**
 * The data-set explorer without a screen: accuracy, per-class precision, recall and F1 from the confusion matrix, the
 * images of one confusion cell and the top losses. The {@code evaluate} command prints these same objects, so the
 * command line and the app cannot disagree. It may use {@code explain} and {@code network}.
 */
package io.convscope.explain.dataset;
