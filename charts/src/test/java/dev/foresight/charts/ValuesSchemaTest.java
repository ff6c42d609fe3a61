package dev.foresight.charts;

import static dev.foresight.charts.RenderedChart.values;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json makes Helm refuse mistyped or impossible values before anything is installed. */
class ValuesSchemaTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("misspelt key", values("autoscaler.enable", true), "enable"),
                Arguments.of("unknown model source", values("models.source", "s3"), "models.source"),
                Arguments.of("unknown mode", values("autoscaler.servingTarget.mode", "Sometimes"), "mode"),
                Arguments.of("utilisation above 1", values("autoscaler.servingTarget.targetUtilization", 1.5), "targetUtilization"),
                Arguments.of("capacity of zero", values("autoscaler.servingTarget.requestsPerReplica", 0), "requestsPerReplica"),
                Arguments.of("startup delay in words", values("autoscaler.servingTarget.startupDelay", "ninety seconds"), "startupDelay"),
                Arguments.of("Prometheus without scheme", values("autoscaler.prometheus.url", "prometheus:9090"), "url"),
                Arguments.of("wildcard scale target", values("autoscaler.rbac.extraScaleTargets[0].apiGroup", "*",
                        "autoscaler.rbac.extraScaleTargets[0].resources[0]", "widgets"), "apiGroup"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void helmRefusesToRender(String mistake, Map<String, Object> values, String named) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RenderedChart.with(values));

        assertTrue(refused.getMessage().contains(named), refused.getMessage());
    }
}
