/**
 * Where images come from: the input panel, the sample gallery and its strip, and the image sources (file chooser,
 * paste, drag and drop, recent files). It may use {@code ui.common}, {@code ui.workspace}, {@code engine}'s model
 * API and {@code network}.
 */
package io.convscope.ui.input;
