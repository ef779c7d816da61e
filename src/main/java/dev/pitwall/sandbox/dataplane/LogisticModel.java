package dev.pitwall.sandbox.dataplane;

import java.util.Random;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The small real model every sandbox server runs: a logistic regression whose weights derive from
 * the model's name and version, applied to each instance's features. A different version gives
 * different predictions, as a new release would.
 */
final class LogisticModel {

    private static final int FEATURES = 8;
    private final double[] weights = new double[FEATURES];
    private final double bias;

    LogisticModel(String model, String version) {
        Random random = new Random((model + "@" + version).hashCode());
        for (int i = 0; i < FEATURES; i++) {
            weights[i] = random.nextGaussian();
        }
        bias = random.nextGaussian() / 2;
    }

    /** Predictions for {@code {"instances": [[f1, f2, ...], ...]}}; throws IllegalArgumentException on bad input. */
    ArrayNode predict(JsonNode request) {
        JsonNode instances = request == null ? null : request.get("instances");
        if (instances == null || !instances.isArray() || instances.isEmpty()) {
            throw new IllegalArgumentException("the body must be {\"instances\": [[number, ...], ...]}");
        }
        ArrayNode predictions = JsonNodeFactory.instance.arrayNode();
        for (JsonNode instance : instances) {
            if (!instance.isArray()) {
                throw new IllegalArgumentException("each instance must be a list of numbers");
            }
            double z = bias;
            for (int i = 0; i < instance.size() && i < FEATURES; i++) {
                if (!instance.get(i).isNumber()) {
                    throw new IllegalArgumentException("feature " + i + " is not a number");
                }
                z += weights[i] * instance.get(i).asDouble();
            }
            predictions.add(1.0 / (1.0 + Math.exp(-z)));
        }
        return predictions;
    }
}
