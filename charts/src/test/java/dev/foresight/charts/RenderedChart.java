package dev.foresight.charts;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart's templates as the real Helm engine renders them ({@code helm template}, in-process
 * through helm-java), parsed into one map per Kubernetes object.
 */
final class RenderedChart {
    /** The chart, relative to this module (Maven runs tests with the module as working directory). */
    static final Path CHART = Path.of("foresight");
    static final String RELEASE = "demo";
    static final String NAMESPACE = "ml";

    private final List<Map<String, Object>> objects;

    private RenderedChart(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    /** Renders with the chart's own values.yaml. */
    static RenderedChart withDefaults() {
        return with(Map.of());
    }

    /** Renders with {@code --set key=value} for each entry. */
    static RenderedChart with(Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        values.forEach(template::set);
        return new RenderedChart(parse(template.call()));
    }

    /** Every non-empty YAML document of a multi-document text, as maps. */
    static List<Map<String, Object>> parse(String yamlText) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(yamlText)) {
            if (document != null) {
                documents.add(Yamls.map(document));
            }
        }
        return documents;
    }

    List<Map<String, Object>> objects() {
        return objects;
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    /** The one object of this kind; fails when there is none or more than one. */
    Map<String, Object> one(String kind) {
        List<Map<String, Object>> found = all(kind);
        if (found.size() != 1) {
            throw new NoSuchElementException("expected one " + kind + ", rendered " + found.size() + ": " + names());
        }
        return found.get(0);
    }

    Map<String, Object> named(String kind, String name) {
        return all(kind).stream()
                .filter(o -> name.equals(Yamls.at(o, "metadata", "name")))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(kind + "/" + name + " not rendered: " + names()));
    }

    /** kind/name of every rendered object, for messages. */
    List<String> names() {
        return objects.stream().map(o -> o.get("kind") + "/" + Yamls.at(o, "metadata", "name")).toList();
    }

    /** The pod template's spec of a Deployment. */
    static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return Yamls.mapAt(deployment, "spec", "template", "spec");
    }

    /** A container of a Deployment's pod template by name. */
    static Map<String, Object> container(Map<String, Object> deployment, String name) {
        return Yamls.byName(Yamls.listAt(podSpec(deployment), "containers"), name);
    }

    /** The value of a plain environment variable of a container; fails when not set. */
    static String env(Map<String, Object> container, String name) {
        return (String) Yamls.byName(Yamls.listAt(container, "env"), name).get("value");
    }

    static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }
}
