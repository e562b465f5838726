/**
 * The command line (picocli): predict, evaluate, train, bench and summary over the same engine, each mistake one
 * line on stderr and exit code 2. It may use {@code engine}, {@code network} and {@code explain}; never {@code ui}.
 */
package io.convscope.cli;
