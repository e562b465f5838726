/**
 * Image input, beside the engine and independent of it: header checks before decoding, a decoder that refuses
 * hostile files with a sentence, EXIF orientation, resampling to a model's input and the pixels as the network reads
 * them. Plain Java (ImageIO), no DL4J or ND4J and nothing of ours, so it is fuzzed and tested without natives.
 */
package io.convscope.image;
