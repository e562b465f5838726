/**
 * The DL4J-facing engine: loading models (our DL4J zips, TensorFlow.js, Keras, the zoo presets) and checking them
 * before DL4J reads them, model metadata and files written as checked sets, the memory a pass needs, and inference
 * with its byte-bounded snapshot cache. Compilation into our own steps is in {@code engine.compile}, the steps
 * themselves in {@code engine.runtime}, training and evaluation in {@code engine.training}; image input stands
 * beside the engine in {@code io.convscope.image}. It may use {@code network} and {@code image}; never
 * {@code explain}, {@code ui} or {@code cli}. Everything it hands upwards is a {@code network} type or a plain Java
 * value: no DL4J or ND4J type leaves the {@code engine} packages.
 */
package io.convscope.engine;
