/**
 * What one window shows, as observable state: the {@code Workspace} (model, current input and its snapshot,
 * explanation, colour-range mode, theme, language), the shown input, the requests to open a Learn section, the
 * language with its fonts and messages, and the settings remembered between runs. It may use {@code engine}'s
 * public inference API, {@code explain} and {@code network}; no other {@code ui} package.
 */
package io.convscope.ui.workspace;
