/**
 * Where a workload's load comes from: the {@link dev.foresight.autoscaler.signal.LoadSource} seam
 * and its Prometheus strategy.
 *
 * <p>A load source either answers with a plausible number or throws a typed
 * {@link dev.foresight.autoscaler.signal.LoadUnavailableException}: an unreachable or slow server,
 * an error status, an empty vector, NaN, infinities, negative or absurd values and unparseable
 * bodies are all failures, never numbers the controller would act on. Plain Java (the JDK's HTTP
 * client and Jackson); no framework.
 */
package dev.foresight.autoscaler.signal;
