/**
 * The engine service: one executor for engine work, where a newer request supersedes an older one of the same kind
 * and the busy indicator follows the ledger of requests still running. Plain JavaFX concurrency; it knows nothing
 * of the window.
 */
package io.convscope.ui.tasks;
