package dev.foresight.charts;

import static dev.foresight.charts.RenderedChart.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.autoscaler.resource.Mode;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerResource;
import dev.foresight.autoscaler.resource.PredictiveAutoscalerSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The PredictiveAutoscaler the chart creates for the model server. */
class ServingAutoscalerTest {
    private static final String SERVING = RenderedChart.RELEASE + "-foresight-serving";
    private static final RenderedChart ENABLED = RenderedChart.with(values("autoscaler.enabled", true));

    private static Map<String, Object> resource() {
        return ENABLED.one(PredictiveAutoscalerResource.KIND);
    }

    private static String query(Map<String, Object> resource) {
        return (String) Yamls.at(resource, "spec", "metric", "query");
    }

    @Test
    void isValidAgainstTheCrdSchema() {
        Map<String, Object> crd = Crd.definition();

        assertEquals(PredictiveAutoscalerResource.API_VERSION, resource().get("apiVersion"));
        assertEquals(List.of(), OpenApiSchema.violations(resource().get("spec"), Crd.specSchema(crd)));
    }

    @Test
    void readsIntoTheAutoscalersRecordsAndTargetsTheServingDeployment() {
        PredictiveAutoscalerSpec spec = RecordReader.read(resource().get("spec"), PredictiveAutoscalerSpec.class);
        Map<String, Object> deployment = ENABLED.named("Deployment", SERVING);

        assertEquals(deployment.get("apiVersion"), spec.scaleTargetRef().apiVersion());
        assertEquals(deployment.get("kind"), spec.scaleTargetRef().kind());
        assertEquals(SERVING, spec.scaleTargetRef().name());
        assertEquals(Mode.Auto, spec.mode());
        assertTrue(spec.fallback().neverBelowCurrent());
    }

    @Test
    void queryCountsTheServersOwnRequestsWithLabelsThatExistAfterScraping() {
        List<PromQl.Selector> selectors = PromQl.selectors(query(resource()));

        assertEquals(1, selectors.size(), query(resource()));
        PromQl.Selector requests = selectors.get(0);
        assertEquals(ExportedMetrics.REQUESTS, requests.metric());
        ExportedMetrics.Metric exported = ExportedMetrics.bySeries(requests.metric()).orElseThrow();
        Set<String> available = new HashSet<>(exported.labels());
        available.addAll(ExportedMetrics.SCRAPE_LABELS);
        assertTrue(available.containsAll(requests.labels()), requests.labels() + " not all in " + available);
        assertTrue(query(resource()).startsWith("sum(rate("), "one number: the sum of the pods' request rates");
    }

    @Test
    void querySelectsTheReleasesServerPodsOnly() {
        String query = query(resource());
        Matcher namespace = Pattern.compile("namespace=\"([^\"]*)\"").matcher(query);
        Matcher pods = Pattern.compile("pod=~\"([^\"]*)\"").matcher(query);
        assertTrue(namespace.find() && pods.find(), query);
        Pattern podNames = Pattern.compile(pods.group(1).replace("\\\\", "\\"));

        assertEquals(RenderedChart.NAMESPACE, namespace.group(1));
        assertTrue(podNames.matcher(SERVING + "-7d9c6b5f4-x2x7k").matches());
        assertFalse(podNames.matcher(RenderedChart.RELEASE + "-foresight-autoscaler-7d9c6b5f4-x2x7k").matches());
        assertFalse(podNames.matcher(SERVING + "-canary-7d9c6b5f4-x2x7k").matches());
    }

    @Test
    void valuesCanReplaceTheQueryAndSwitchToForecastOnly() {
        RenderedChart chart = RenderedChart.with(values("autoscaler.enabled", true,
                "autoscaler.servingTarget.query", "sum(rate(foresight_inference_requests_total{job=\"shop\"}[5m]))",
                "autoscaler.servingTarget.mode", "ForecastOnly"));
        Map<String, Object> resource = chart.one(PredictiveAutoscalerResource.KIND);

        assertEquals("sum(rate(foresight_inference_requests_total{job=\"shop\"}[5m]))", query(resource));
        assertEquals(Mode.ForecastOnly,
                RecordReader.read(resource.get("spec"), PredictiveAutoscalerSpec.class).mode());
    }

    @Test
    void behaviorValuesPassThroughToTheResource() {
        RenderedChart chart = RenderedChart.with(values("autoscaler.enabled", true,
                "autoscaler.servingTarget.behavior.scaleDown.stabilizationWindowSeconds", 600));
        PredictiveAutoscalerSpec spec = RecordReader.read(
                chart.one(PredictiveAutoscalerResource.KIND).get("spec"), PredictiveAutoscalerSpec.class);

        assertEquals(600, spec.behavior().scaleDown().stabilizationWindowSeconds());
    }
}
