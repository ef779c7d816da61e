package dev.pitwall.sandbox.preset;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code scale} preset, sized on the command line: {@code pods} spread over model services of
 * 50 pods each (40 primary, 10 standby), on {@code nodes} nodes, for the fleet-view benchmarks.
 */
public final class ScalePreset {

    public static final String NAME = "scale";
    public static final int MAX_PODS = 50_000;
    public static final int MAX_NODES = 2_000;
    private static final int PODS_PER_MODEL = 50;

    private ScalePreset() {
    }

    public static Preset of(int pods, int nodes) {
        if (pods < 1 || pods > MAX_PODS) {
            throw new PresetException("--pods must be from 1 to " + MAX_PODS + ", not " + pods);
        }
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new PresetException("--nodes must be from 1 to " + MAX_NODES + ", not " + nodes);
        }
        List<Preset.Model> models = new ArrayList<>();
        int left = pods;
        for (int index = 1; left > 0; index++) {
            int size = Math.min(PODS_PER_MODEL, left);
            int standby = size >= 5 ? size / 5 : 0;
            int primary = size - standby;
            List<Preset.Track> tracks = new ArrayList<>();
            tracks.add(new Preset.Track("primary", "1." + (index % 7) + ".0", primary, 100));
            if (standby > 0) {
                tracks.add(new Preset.Track("standby", "1." + (index % 7) + ".0", standby, 0));
            }
            models.add(new Preset.Model(String.format("model-%04d", index), 8080, 100, 2, 0.5, 10,
                    new Preset.Rollout("25%", "25%", 0), "maxUnavailable=10%", 50, tracks));
            left -= size;
        }
        int perNode = (pods + nodes - 1) / nodes + 20;
        int cpu = Math.max(8, (perNode * 100 + 999) / 1000 + 2);
        return new Preset(NAME, pods + " pods on " + nodes + " nodes, for benchmarks", "fleet",
                new Preset.NodePool(nodes, cpu, 256, perNode, List.of("zone-a", "zone-b", "zone-c")), 30, models);
    }
}
