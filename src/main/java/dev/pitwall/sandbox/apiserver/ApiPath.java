package dev.pitwall.sandbox.apiserver;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A resource path of the Kubernetes API, taken apart:
 * {@code /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE[/REST...]]]} and
 * {@code /apis/GROUP/VERSION[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE[/REST...]]]}.
 */
record ApiPath(String group, String version, String namespace, String resource, String name, String subresource,
               String rest) {

    boolean isCollection() {
        return name.isEmpty();
    }

    static Optional<ApiPath> parse(String path) {
        List<String> parts = Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toList();
        int index;
        String group;
        String version;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            index = 2;
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            index = 3;
        } else {
            return Optional.empty();
        }
        String namespace = "";
        List<String> rest = parts.subList(index, parts.size());
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")
                && !(rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize")))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : "";
        String subresource = rest.size() > 2 ? rest.get(2) : "";
        String remainder = rest.size() > 3 ? String.join("/", rest.subList(3, rest.size())) : "";
        return Optional.of(new ApiPath(group, version, namespace, resource, name, subresource, remainder));
    }
}
