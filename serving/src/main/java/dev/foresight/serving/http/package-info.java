/**
 * The HTTP edge (Micronaut): Open Inference Protocol endpoints, {@code /metrics}, error mapping
 * and the wiring of the plain-Java core.
 */
package dev.foresight.serving.http;
