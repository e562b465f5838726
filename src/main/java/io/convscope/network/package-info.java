/**
 * Plain Java, no DL4J: what a network is (layer descriptions, shapes, the output-size formula, weights), what it
 * computed (immutable activation snapshots, map outputs read as boxes or a mask) and what it costs. Class names of
 * the well-known data sets live here. It may use only the JDK; every layer above reads these types.
 */
package io.convscope.network;
