/**
 * Headless execution of the training notebooks: their code cells run in order through the JDK's
 * own {@code jdk.jshell} API, on this module's test classpath, in the test JVM.
 *
 * <p>No Java Jupyter kernel can be installed on CI machines, so {@link
 * dev.foresight.notebooks.NotebookRunner} stands in for one: it reads an nbformat 4 file, skips
 * IJava magics (lines starting with {@code %}), evaluates every snippet and fails on the first
 * rejected snippet, unresolved reference or exception, naming the cell. See the module's
 * {@code README.md} for the quick and full modes.
 */
package dev.foresight.notebooks;
