package dev.pitwall.sandbox.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceType;
import dev.pitwall.sandbox.store.ResourceTypes;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list read in chunks, as kubectl's {@code --chunk-size} and informers read it: every chunk from
 * the one read, at its resource version; a stale or unknown token is 410 Expired, so the client
 * lists again rather than seeing a list stitched from two moments.
 */
class ListPagesTest {

    private final ResourceType pods = ResourceTypes.STANDARD.find("", "pods").orElseThrow();
    private final ResourceType nodes = ResourceTypes.STANDARD.find("", "nodes").orElseThrow();
    private final AtomicLong now = new AtomicLong(1_000);
    private final ListPages pages = new ListPages(now::get);

    @Test
    void aListReadTwoAtATimeGivesEveryObjectOnceAtTheFirstReadsVersion() {
        ListPages.Page first = pages.first(pods, list(5, 42), 2);
        assertEquals(List.of("pod-0", "pod-1"), names(first));
        assertEquals(3, first.remainingItemCount());

        List<String> seen = new ArrayList<>(names(first));
        ListPages.Page page = first;
        while (!page.continueToken().isEmpty()) {
            page = pages.next(pods, page.continueToken(), 2);
            assertEquals(42, page.resourceVersion(), "every chunk is of the same read");
            seen.addAll(names(page));
        }
        assertEquals(List.of("pod-0", "pod-1", "pod-2", "pod-3", "pod-4"), seen);
    }

    @Test
    void withoutALimitTheWholeListComesAtOnce() {
        ListPages.Page page = pages.first(pods, list(3, 7), ListPages.limit(""));
        assertEquals(3, page.items().size());
        assertEquals("", page.continueToken());
    }

    @Test
    void aTokenUsedTwiceOrKeptTooLongOrForAnotherResourceIsExpired() {
        String token = pages.first(pods, list(5, 1), 2).continueToken();
        pages.next(pods, token, 2);
        assertEquals(410, assertThrows(ApiException.class, () -> pages.next(pods, token, 2)).code());

        String stale = pages.first(pods, list(5, 1), 2).continueToken();
        now.addAndGet(ListPages.KEPT_NANOS + 1);
        ApiException expired = assertThrows(ApiException.class, () -> pages.next(pods, stale, 2));
        assertEquals("Expired", expired.reason());

        String forPods = pages.first(pods, list(5, 1), 2).continueToken();
        assertEquals(410, assertThrows(ApiException.class, () -> pages.next(nodes, forPods, 2)).code());
    }

    @Test
    void aLimitThatIsNotANumberIsABadRequest() {
        assertEquals(400, assertThrows(ApiException.class, () -> ListPages.limit("many")).code());
    }

    private static ObjectStore.ListResult list(int count, long resourceVersion) {
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode pod = KubeObjects.JSON.createObjectNode();
            pod.putObject("metadata").put("name", "pod-" + i);
            items.add(pod);
        }
        return new ObjectStore.ListResult(items, resourceVersion);
    }

    private static List<String> names(ListPages.Page page) {
        return page.items().stream().map(item -> item.path("metadata").path("name").asString("")).toList();
    }
}
