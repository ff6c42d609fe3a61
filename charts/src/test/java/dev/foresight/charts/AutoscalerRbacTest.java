package dev.foresight.charts;

import static dev.foresight.charts.RenderedChart.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The autoscaler's rights: exactly the calls it makes, in its namespace, no wildcards. */
class AutoscalerRbacTest {
    private static final String AUTOSCALER = RenderedChart.RELEASE + "-foresight-autoscaler";
    private static final RenderedChart ENABLED = RenderedChart.with(values("autoscaler.enabled", true));

    /** group|resource|verb|resourceName ("" when any name), one line per permission. */
    private static final Set<String> NEEDED = Set.of(
            "foresight.dev|predictiveautoscalers|get|",
            "foresight.dev|predictiveautoscalers|list|",
            "foresight.dev|predictiveautoscalers|watch|",
            "foresight.dev|predictiveautoscalers/status|get|",
            "foresight.dev|predictiveautoscalers/status|update|",
            "foresight.dev|predictiveautoscalers/status|patch|",
            "apps|deployments/scale|get|",
            "apps|deployments/scale|patch|",
            "apps|statefulsets/scale|get|",
            "apps|statefulsets/scale|patch|",
            "|events|create|",
            "|events|patch|",
            "coordination.k8s.io|leases|create|",
            "coordination.k8s.io|leases|get|" + AUTOSCALER,
            "coordination.k8s.io|leases|update|" + AUTOSCALER);

    @Test
    void roleGrantsExactlyWhatTheAutoscalerCalls() {
        assertEquals(new TreeSet<>(NEEDED), permissions(ENABLED.one("Role")));
    }

    @Test
    void nothingIsGrantedClusterWideOrByWildcard() {
        assertEquals(List.of(), ENABLED.all("ClusterRole"));
        assertEquals(List.of(), ENABLED.all("ClusterRoleBinding"));
        for (String permission : permissions(ENABLED.one("Role"))) {
            assertFalse(permission.contains("*"), permission);
        }
    }

    @Test
    void bindingGivesTheRoleToTheAutoscalersServiceAccountInTheReleaseNamespace() {
        Map<String, Object> binding = ENABLED.one("RoleBinding");

        assertEquals(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role",
                "name", Yamls.at(ENABLED.one("Role"), "metadata", "name")), Yamls.at(binding, "roleRef"));
        assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", AUTOSCALER, "namespace", RenderedChart.NAMESPACE)),
                Yamls.at(binding, "subjects"));
    }

    @Test
    void extraScaleTargetsAddOnlyTheirScaleSubresource() {
        RenderedChart chart = RenderedChart.with(values("autoscaler.enabled", true,
                "autoscaler.rbac.extraScaleTargets[0].apiGroup", "serving.example.com",
                "autoscaler.rbac.extraScaleTargets[0].resources[0]", "inferencepools"));
        Set<String> expected = new TreeSet<>(NEEDED);
        expected.add("serving.example.com|inferencepools/scale|get|");
        expected.add("serving.example.com|inferencepools/scale|patch|");

        assertEquals(expected, permissions(chart.one("Role")));
    }

    private static Set<String> permissions(Map<String, Object> role) {
        Set<String> permissions = new TreeSet<>();
        for (Object item : Yamls.listAt(role, "rules")) {
            Map<String, Object> rule = Yamls.map(item);
            List<Object> names = rule.containsKey("resourceNames") ? Yamls.list(rule.get("resourceNames")) : List.of("");
            for (Object group : Yamls.list(rule.get("apiGroups"))) {
                for (Object resource : Yamls.list(rule.get("resources"))) {
                    for (Object verb : Yamls.list(rule.get("verbs"))) {
                        for (Object name : names) {
                            permissions.add(group + "|" + resource + "|" + verb + "|" + name);
                        }
                    }
                }
            }
        }
        return permissions;
    }
}
