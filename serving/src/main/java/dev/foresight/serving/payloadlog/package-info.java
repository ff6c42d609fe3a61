/**
 * Payload logging: answered requests, with their inputs and outputs, sent to an HTTP sink as
 * CloudEvents (what KServe's logger sends to drift and outlier detectors), sampled and batched,
 * off the request path: a slow or unreachable sink costs dropped events, never a slower request.
 */
package dev.foresight.serving.payloadlog;
