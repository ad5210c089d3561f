package io.oktioneer.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.oktioneer.deploy.ServiceSettings.EnvValue;
import io.oktioneer.deploy.ServiceSettings.Source;

/** The objects `kubectl kustomize` renders for one directory of deploy/k8s/. */
record Manifests(String directory, List<Map<String, Object>> objects) {

    static Manifests render(String directory) {
        String yaml = Tools.check(List.of("kubectl", "kustomize", "deploy/k8s/" + directory), Map.of());
        return new Manifests(directory, Yamls.loadAll(yaml));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(Yamls.kind(o))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(Yamls.name(o))).findFirst();
    }

    static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return Yamls.mapAt(deployment, "spec", "template", "spec");
    }

    static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return Yamls.mapAt(deployment, "spec", "template", "metadata", "labels");
    }

    static Map<String, Object> mainContainer(Map<String, Object> deployment) {
        return Yamls.asMap(Yamls.listAt(podSpec(deployment), "containers").getFirst());
    }

    /** The environment the main container gets, with the source of each value. */
    Map<String, EnvValue> environment(Map<String, Object> deployment) {
        Map<String, Object> container = mainContainer(deployment);
        Map<String, EnvValue> environment = new LinkedHashMap<>();
        for (Object from : Yamls.listAt(container, "envFrom")) {
            String configMap = Yamls.stringAt(from, "configMapRef", "name");
            String secret = Yamls.stringAt(from, "secretRef", "name");
            if (configMap != null) {
                find("ConfigMap", configMap).ifPresent(map -> Yamls.mapAt(map, "data").forEach((key, value) ->
                        environment.put(key, new EnvValue(Objects.toString(value), Source.CONFIG_MAP))));
            }
            if (secret != null) {
                find("Secret", secret).ifPresent(map -> Yamls.mapAt(map, "data").keySet().forEach(key ->
                        environment.put(key, new EnvValue(null, Source.SECRET))));
            }
        }
        for (Object entry : Yamls.listAt(container, "env")) {
            String name = Yamls.stringAt(entry, "name");
            if (Yamls.at(entry, "valueFrom", "secretKeyRef") != null) {
                environment.put(name, new EnvValue(null, Source.SECRET));
            } else if (Yamls.at(entry, "valueFrom", "configMapKeyRef") != null) {
                String map = Yamls.stringAt(entry, "valueFrom", "configMapKeyRef", "name");
                String key = Yamls.stringAt(entry, "valueFrom", "configMapKeyRef", "key");
                String value = find("ConfigMap", map).map(m -> Yamls.stringAt(m, "data", key)).orElse(null);
                environment.put(name, new EnvValue(value, Source.CONFIG_MAP));
            } else {
                environment.put(name, new EnvValue(Yamls.stringAt(entry, "value"), Source.LITERAL));
            }
        }
        return environment;
    }

    /** Every (Secret name, key) the Deployments read. */
    List<String[]> secretReferences() {
        List<String[]> references = new ArrayList<>();
        for (Map<String, Object> deployment : ofKind("Deployment")) {
            for (Object container : Yamls.listAt(podSpec(deployment), "containers")) {
                for (Object entry : Yamls.listAt(container, "env")) {
                    Object ref = Yamls.at(entry, "valueFrom", "secretKeyRef");
                    if (ref != null) {
                        references.add(new String[] {Yamls.name(deployment), Yamls.stringAt(ref, "name"), Yamls.stringAt(ref, "key")});
                    }
                }
                for (Object from : Yamls.listAt(container, "envFrom")) {
                    if (Yamls.at(from, "secretRef") != null) {
                        references.add(new String[] {Yamls.name(deployment), Yamls.stringAt(from, "secretRef", "name"), null});
                    }
                }
            }
        }
        return references;
    }

    /** Whether a label selector (matchLabels only, which is all these manifests use) selects the labels. */
    static boolean selects(Object selector, Map<String, Object> labels) {
        Map<String, Object> match = Yamls.mapAt(selector, "matchLabels");
        if (Yamls.at(selector, "matchExpressions") != null) {
            throw new AssertionError("matchExpressions are not analysed by these checks: " + selector);
        }
        return match.entrySet().stream().allMatch(e -> Objects.equals(String.valueOf(labels.get(e.getKey())), String.valueOf(e.getValue())));
    }
}
