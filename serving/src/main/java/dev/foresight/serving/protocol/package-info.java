/**
 * The Open Inference Protocol (KServe V2) as plain Java: tensor types, requests and responses,
 * and the JSON codec that reads {@code data} straight into primitive arrays.
 */
package dev.foresight.serving.protocol;
