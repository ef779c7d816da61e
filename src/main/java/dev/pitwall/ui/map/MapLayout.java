package dev.pitwall.ui.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.pitwall.fleet.FleetNode;
import dev.pitwall.fleet.FleetPod;

/**
 * Where the fleet map draws each node and pod: nodes as tiles in rows (by name; unscheduled pods
 * in a tile of their own, first), each pod a cell in its node's tile. Pure geometry, computed off
 * the drawing so that drawing only visits the tiles in view.
 */
public final class MapLayout {

    public static final double CELL = 9;
    public static final double PITCH = 11;
    public static final int COLUMNS = 10;
    public static final double PADDING = 6;
    public static final double HEADER = 16;
    public static final double TILE_WIDTH = 2 * PADDING + COLUMNS * PITCH - (PITCH - CELL);
    public static final double GAP = 8;
    public static final String UNSCHEDULED = "unscheduled";

    /** A node's tile: its node (null for the unscheduled tile), its pods, and where it is. */
    public record Tile(String name, FleetNode node, List<FleetPod> pods, double x, double y, double height) {

        public double cellX(int index) {
            return x + PADDING + (index % COLUMNS) * PITCH;
        }

        public double cellY(int index) {
            return y + HEADER + PADDING + (index / COLUMNS) * PITCH;
        }
    }

    /**
     * The tiles' order: unscheduled first when there are any, then the nodes as listed, then (by
     * name) nodes that pods name but the node list does not (yet). Kept from one layout to the next
     * while the node list is the same, so that a pod's change costs no reordering.
     */
    private record Order(List<FleetNode> nodes, boolean unscheduled, List<String> extra, List<String> names,
                         List<FleetNode> tileNodes, java.util.Set<String> known) {

        static Order of(List<FleetNode> nodes, Map<String, List<FleetPod>> podsByNode, Order previous) {
            java.util.Set<String> known;
            if (previous != null && previous.nodes == nodes) {
                known = previous.known;
            } else {
                known = new java.util.HashSet<>();
                nodes.forEach(node -> known.add(node.name()));
            }
            boolean unscheduled = podsByNode.containsKey("");
            java.util.function.Predicate<String> unknown = name -> !name.isEmpty() && !known.contains(name);
            List<String> extra = podsByNode.keySet().stream().noneMatch(unknown) ? List.of()
                    : podsByNode.keySet().stream().filter(unknown).sorted().toList();
            if (previous != null && previous.nodes == nodes && previous.unscheduled == unscheduled && previous.extra.equals(extra)) {
                return previous;
            }
            List<String> names = new ArrayList<>();
            List<FleetNode> tileNodes = new ArrayList<>();
            if (unscheduled) {
                names.add(UNSCHEDULED);
                tileNodes.add(null);
            }
            for (FleetNode node : nodes) {
                names.add(node.name());
                tileNodes.add(node);
            }
            for (String name : extra) {
                names.add(name);
                tileNodes.add(null);
            }
            return new Order(nodes, unscheduled, extra, names, java.util.Collections.unmodifiableList(tileNodes), known);
        }

        /** The pods of the tile at {@code index}. */
        List<FleetPod> podsOf(int index, Map<String, List<FleetPod>> podsByNode) {
            String key = unscheduled && index == 0 ? "" : names.get(index);
            return podsByNode.getOrDefault(key, List.of());
        }
    }

    private final List<Tile> tiles;
    private final double height;
    private final int pods;
    private final Order order;
    private final double width;

    private MapLayout(List<Tile> tiles, double height, int pods, Order order, double width) {
        this.tiles = List.copyOf(tiles);
        this.height = height;
        this.pods = pods;
        this.order = order;
        this.width = width;
    }

    public static MapLayout of(List<FleetNode> nodes, List<FleetPod> pods, double width) {
        Map<String, List<FleetPod>> byNode = new HashMap<>();
        for (FleetPod pod : pods) {
            byNode.computeIfAbsent(pod.node(), key -> new ArrayList<>()).add(pod);
        }
        return of(nodes, byNode, width);
    }

    /**
     * @param podsByNode pods by node name, "" for the unscheduled ones, as a snapshot keeps them
     */
    public static MapLayout of(List<FleetNode> nodes, Map<String, List<FleetPod>> podsByNode, double width) {
        return of(nodes, podsByNode, width, null);
    }

    /**
     * As {@link #of(List, Map, double)}, keeping the tiles of {@code previous} steady: a tile
     * grows a row as soon as its pods need it, but gives a row back only when it has two empty
     * ones, so that a node whose pods come and go around a multiple of ten does not move every
     * tile after it (and the map can redraw only the tiles that changed). A tile whose node, pods
     * and place are unchanged is the previous layout's tile itself: with a watch event changing a
     * few nodes' pods, laying out 500 nodes allocates next to nothing.
     */
    public static MapLayout of(List<FleetNode> nodes, Map<String, List<FleetPod>> podsByNode, double width, MapLayout previous) {
        Order order = Order.of(nodes, podsByNode, previous == null ? null : previous.order);
        boolean steady = previous != null && previous.order == order && previous.width == width;
        Map<String, Integer> rowsBefore = new HashMap<>();
        if (previous != null && !steady) {
            previous.tiles.forEach(tile -> rowsBefore.put(tile.name(), rowsOf(tile.height())));
        }
        List<Tile> tiles = new ArrayList<>(order.names().size());
        int podCount = 0;
        int perRow = Math.max(1, (int) ((width - GAP) / (TILE_WIDTH + GAP)));
        double x = GAP;
        double y = GAP;
        double rowHeight = 0;
        int column = 0;
        for (int i = 0; i < order.names().size(); i++) {
            String name = order.names().get(i);
            FleetNode node = order.tileNodes().get(i);
            List<FleetPod> onNode = order.podsOf(i, podsByNode);
            podCount += onNode.size();
            Tile was = steady ? previous.tiles.get(i) : null;
            int needed = Math.max(1, (onNode.size() + COLUMNS - 1) / COLUMNS);
            int before = was != null ? rowsOf(was.height()) : rowsBefore.getOrDefault(name, needed);
            int rows = needed >= before || needed < before - 1 ? needed : before;
            double tileHeight = HEADER + 2 * PADDING + rows * PITCH - (PITCH - CELL);
            if (column == perRow) {
                column = 0;
                x = GAP;
                y += rowHeight + GAP;
                rowHeight = 0;
            }
            boolean same = was != null && was.pods() == onNode && was.node() == node && was.x() == x && was.y() == y
                    && was.height() == tileHeight;
            tiles.add(same ? was : new Tile(name, node, onNode, x, y, tileHeight));
            rowHeight = Math.max(rowHeight, tileHeight);
            x += TILE_WIDTH + GAP;
            column++;
        }
        return new MapLayout(tiles, y + rowHeight + GAP, podCount, order, width);
    }

    private static int rowsOf(double tileHeight) {
        return (int) Math.round((tileHeight - HEADER - 2 * PADDING + (PITCH - CELL)) / PITCH);
    }

    public List<Tile> tiles() {
        return tiles;
    }

    public double height() {
        return height;
    }

    public int podCount() {
        return pods;
    }

    /** The tiles that overlap the band [top, bottom). */
    public List<Tile> visible(double top, double bottom) {
        return tiles.stream().filter(t -> t.y() + t.height() >= top && t.y() < bottom).toList();
    }

    /** The pod whose cell is at (x, y) in map coordinates. */
    public Optional<FleetPod> podAt(double x, double y) {
        for (Tile tile : tiles) {
            if (x < tile.x() || x >= tile.x() + TILE_WIDTH || y < tile.y() || y >= tile.y() + tile.height()) {
                continue;
            }
            double column = (x - tile.x() - PADDING) / PITCH;
            double row = (y - tile.y() - HEADER - PADDING) / PITCH;
            if (column < 0 || row < 0 || column >= COLUMNS || (column % 1) * PITCH > CELL || (row % 1) * PITCH > CELL) {
                return Optional.empty();
            }
            int index = (int) row * COLUMNS + (int) column;
            return index < tile.pods().size() ? Optional.of(tile.pods().get(index)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The tile holding a pod, and its index there. */
    public Optional<Map.Entry<Tile, Integer>> find(String namespace, String name) {
        for (Tile tile : tiles) {
            for (int i = 0; i < tile.pods().size(); i++) {
                FleetPod pod = tile.pods().get(i);
                if (pod.name().equals(name) && pod.namespace().equals(namespace)) {
                    return Optional.of(Map.entry(tile, i));
                }
            }
        }
        return Optional.empty();
    }

    /** Every pod in the order the map shows them (tile by tile): what arrow keys walk through. */
    public List<FleetPod> inOrder() {
        return tiles.stream().flatMap(t -> t.pods().stream()).toList();
    }
}
