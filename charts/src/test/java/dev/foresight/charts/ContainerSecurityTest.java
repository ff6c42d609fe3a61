package dev.foresight.charts;

import static dev.foresight.charts.RenderedChart.podSpec;
import static dev.foresight.charts.RenderedChart.values;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every container the chart can render runs restricted: non-root, read-only root, no privileges. */
class ContainerSecurityTest {

    static Stream<Arguments> everyContainer() {
        RenderedChart all = RenderedChart.with(values("autoscaler.enabled", true,
                "models.source", "initImage", "models.initImage.repository", "shop-models"));
        return all.all("Deployment").stream().flatMap(deployment -> {
            Map<String, Object> pod = podSpec(deployment);
            List<Object> containers = new java.util.ArrayList<>(Yamls.listAt(pod, "containers"));
            if (pod.containsKey("initContainers")) {
                containers.addAll(Yamls.listAt(pod, "initContainers"));
            }
            return containers.stream().map(c -> Arguments.of(
                    Yamls.at(deployment, "metadata", "name") + "/" + Yamls.map(c).get("name"), pod, Yamls.map(c)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyContainer")
    void containerRunsAsNonRootWithReadOnlyRootAndNoCapabilities(String name, Map<String, Object> pod,
                                                                 Map<String, Object> container) {
        Map<String, Object> context = Yamls.mapAt(container, "securityContext");

        assertAll(
                () -> assertEquals(true, Yamls.at(pod, "securityContext", "runAsNonRoot")),
                () -> assertEquals("RuntimeDefault", Yamls.at(pod, "securityContext", "seccompProfile", "type")),
                () -> assertFalse(0 == (Integer) Yamls.at(pod, "securityContext", "runAsUser"), "uid 0"),
                () -> assertEquals(true, context.get("runAsNonRoot")),
                () -> assertEquals(true, context.get("readOnlyRootFilesystem")),
                () -> assertEquals(false, context.get("allowPrivilegeEscalation")),
                () -> assertEquals(false, context.get("privileged")),
                () -> assertEquals(List.of("ALL"), Yamls.at(context, "capabilities", "drop")),
                () -> assertFalse(Yamls.mapAt(context, "capabilities").containsKey("add")));
    }
}
