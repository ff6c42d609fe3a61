/**
 * Contract tests of the model files the project ships in {@code models/}: the real files, loaded
 * in ONNX Runtime, checked against the inputs and outputs their model cards promise. The notebooks
 * measure quality; these tests pin the interface clients rely on.
 */
package dev.foresight.models;
