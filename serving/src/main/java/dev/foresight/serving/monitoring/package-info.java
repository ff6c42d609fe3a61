/**
 * Input and output monitoring, plain Java: each served model version's live traffic against a
 * reference profile of its training data.
 *
 * <ul>
 *   <li>{@link dev.foresight.serving.monitoring.ReferenceProfile}: per tensor and feature, the
 *       reference distribution ({@link dev.foresight.serving.monitoring.NumericReference}: value
 *       edges and their cumulative shares; {@link dev.foresight.serving.monitoring.CategoricalReference}:
 *       value counts), read from {@code <model>/<version>/profile.json} by
 *       {@link dev.foresight.serving.monitoring.ProfileReader} or built from a model's first
 *       requests by {@link dev.foresight.serving.monitoring.ProfileBuilder};</li>
 *   <li>{@link dev.foresight.serving.monitoring.ModelMonitor}: one version's live sketches in a
 *       window of the last requests and one of the last minutes, each a ring of fixed-size panes,
 *       and its drift report;</li>
 *   <li>{@link dev.foresight.serving.monitoring.MonitoringQueue}: the
 *       {@link dev.foresight.serving.dispatch.PayloadObserver} that takes answered requests off
 *       the request path through a bounded {@link dev.foresight.serving.monitoring.OffPathQueue}
 *       (full: dropped and counted) to the monitors in {@link dev.foresight.serving.monitoring.ModelMonitors}.</li>
 * </ul>
 *
 * <p>Threading: one queue thread folds requests; reports are read by scrapes and HTTP calls under
 * each monitor's lock. Nothing here imports Micronaut.
 */
package dev.foresight.serving.monitoring;
