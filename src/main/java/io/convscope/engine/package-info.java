/**
 * Everything that touches DL4J and ND4J: loading models (our DL4J zips, TensorFlow.js, Keras, the zoo presets) and
 * checking them before DL4J reads them, compiling a network into our own typed forward steps, the memory a pass
 * needs, inference with its byte-bounded snapshot cache, training, evaluation and model files written as checked
 * sets. Image input (the preprocessor and its decoder, header checks and resampler) sits here too but uses no DL4J
 * type. It may use {@code network}; never {@code explain}, {@code ui} or {@code cli}. Everything it hands upwards is
 * a {@code network} type or a plain Java value.
 */
package io.convscope.engine;
