/**
 * The Learn article (English and Chinese markdown with live numbers from the shown image), its facts and links into
 * the views, the ReLU histogram and the hyperparameter playground model with its formula. It may use
 * {@code explain} and {@code network}.
 */
package io.convscope.explain.article;
