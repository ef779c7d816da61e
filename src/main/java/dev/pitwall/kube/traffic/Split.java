package dev.pitwall.kube.traffic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a model service's traffic is split between its tracks (primary, standby, canary), in
 * percent; every track of the model service is named, at 0 when it takes nothing.
 */
public record Split(Map<String, Integer> percentByTrack) {

    public Split {
        percentByTrack = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(percentByTrack));
    }

    /** Everything on {@code track}, nothing on the others. */
    public static Split allOn(String track, List<String> tracks) {
        Map<String, Integer> split = new LinkedHashMap<>();
        tracks.forEach(each -> split.put(each, each.equals(track) ? 100 : 0));
        split.putIfAbsent(track, 100);
        return new Split(split);
    }

    /**
     * The split that weights give, each weight counted for its track (several for one track add
     * up), as a share of them all in whole percent.
     */
    public static Split ofWeights(List<Map.Entry<String, Integer>> weightByTrack) {
        int total = weightByTrack.stream().mapToInt(Map.Entry::getValue).sum();
        Map<String, Integer> percent = new LinkedHashMap<>();
        weightByTrack.forEach(each -> percent.merge(each.getKey(), total == 0 ? 0 : (int) Math.round(each.getValue() * 100.0 / total),
                Integer::sum));
        return new Split(percent);
    }

    public int percent(String track) {
        return percentByTrack.getOrDefault(track, 0);
    }

    /** The one track taking everything, or null when traffic is shared. */
    public String soleTrack() {
        List<String> taking = percentByTrack.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        return taking.size() == 1 ? taking.getFirst() : null;
    }

    /** "primary 100 %, standby 0 %". */
    public String describe() {
        return percentByTrack.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " %").collect(Collectors.joining(", "));
    }
}
