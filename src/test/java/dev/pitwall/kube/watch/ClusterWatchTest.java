package dev.pitwall.kube.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pitwall.fleet.Connection;
import dev.pitwall.fleet.Conventions;
import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.FleetSnapshot;
import dev.pitwall.fleet.ModelService;
import dev.pitwall.fleet.PodState;
import dev.pitwall.fleet.Track;
import dev.pitwall.kube.KubeClients;
import dev.pitwall.sandbox.Kubectl;
import dev.pitwall.sandbox.Sandbox;
import dev.pitwall.sandbox.SandboxIdentity;
import dev.pitwall.sandbox.TestSandboxes;

/**
 * Pitwall's watch of a context, through a kubeconfig as for any cluster (the sandbox here, with
 * the read-only viewer identity): kubectl's changes show within a second, a lost API server is
 * marked stale within two, and a returning one is followed again.
 */
class ClusterWatchTest {

    @TempDir
    Path dir;

    private final AtomicReference<FleetSnapshot> latest = new AtomicReference<>();
    /** Every rollout status Pitwall showed for sentiment-primary, in order, once each. */
    private final List<String> progress = new CopyOnWriteArrayList<>();

    private void record(FleetSnapshot snapshot) {
        latest.set(snapshot);
        snapshot.services().stream().flatMap(s -> s.tracks().stream()).filter(t -> t.deployment().equals("sentiment-primary"))
                .map(t -> t.rollout().status()).filter(text -> !progress.contains(text)).forEach(progress::add);
    }

    private FleetSnapshot await(Duration limit, String what, Predicate<FleetSnapshot> condition) {
        TestSandboxes.await(limit, what, () -> latest.get() != null && condition.test(latest.get()));
        return latest.get();
    }

    private static Track track(FleetSnapshot snapshot, String model, String track) {
        return snapshot.services().stream().filter(s -> s.name().equals(model)).flatMap(s -> s.tracks().stream())
                .filter(t -> t.name().equals(track)).findFirst().orElseThrow();
    }

    @Test
    void aBlueGreenServiceSelectorIsTheSplitWhenThereIsNoRoute() {
        try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir);
             ClusterWatch watch = ClusterWatch.start("sandbox-viewer",
                     KubeClients.forContext(sandbox.kubeconfig(), sandbox.context(SandboxIdentity.VIEWER)), this::record)) {
            Kubectl kubectl = new Kubectl(sandbox.kubeconfig());
            String lead = sandbox.context(SandboxIdentity.LEAD);
            kubectl.run("--context", lead, "delete", "httproute", "fraud-detector").assertOk();
            try (var client = TestSandboxes.client(sandbox, SandboxIdentity.LEAD)) {
                client.services().inNamespace("models").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata()
                        .withName("fraud-detector").endMetadata().withNewSpec().addToSelector("app.kubernetes.io/name", "fraud-detector")
                        .addToSelector("pitwall.dev/track", "standby").addNewPort().withPort(8080).endPort().endSpec().build()).create();
            }
            await(Duration.ofSeconds(30), "the standby takes all traffic", s -> s.services().stream()
                    .anyMatch(m -> m.name().equals("fraud-detector")) && track(s, "fraud-detector", "standby").weight() == 100
                    && track(s, "fraud-detector", "primary").weight() == 0);
            kubectl.run("--context", lead, "patch", "service", "fraud-detector", "--type=json", "-p", "[{\"op\":\"replace\",\"path\":"
                    + "\"/spec/selector/pitwall.dev~1track\",\"value\":\"primary\"}]").assertOk();
            await(Duration.ofSeconds(2), "the switch to primary shows", s -> track(s, "fraud-detector", "primary").weight() == 100
                    && track(s, "fraud-detector", "standby").weight() == 0);
        }
    }

    @Test
    void kubectlChangesShowWithinASecond() {
        try (Sandbox sandbox = TestSandboxes.start("two-active-standby", dir);
             ClusterWatch watch = ClusterWatch.start("sandbox-viewer",
                     KubeClients.forContext(sandbox.kubeconfig(), sandbox.context(SandboxIdentity.VIEWER)), this::record)) {
            FleetSnapshot steady = await(Duration.ofSeconds(30), "a live, settled fleet", s -> s.connection().status()
                    == Connection.Status.LIVE && s.services().size() == 3 && s.services().stream()
                    .allMatch(service -> service.health() == ModelService.Health.HEALTHY));
            assertEquals(4, steady.nodes().size());
            assertEquals(100, track(steady, "fraud-detector", "primary").weight());
            assertEquals(0, track(steady, "fraud-detector", "standby").weight());
            Kubectl kubectl = new Kubectl(sandbox.kubeconfig());

            kubectl.run("scale", "deployment/recommender-standby", "--replicas=2").assertOk();
            await(Duration.ofSeconds(1), "the new scale", s -> track(s, "recommender", "standby").desired() == 2);

            String victim = steady.pods().stream().filter(p -> p.model().equals("sentiment") && p.track().equals("standby"))
                    .map(FleetPod::name).findFirst().orElseThrow();
            kubectl.run("delete", "pod", victim, "--wait=false").assertOk();
            await(Duration.ofSeconds(1), "the pod terminating", s -> s.pods().stream()
                    .anyMatch(p -> p.name().equals(victim) && p.state() == PodState.TERMINATING));
            // The replacement is the cluster's doing (its ReplicaSet controller), not kubectl's: Pitwall
            // shows it within a second of the API server having it.
            try (var lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD)) {
                TestSandboxes.await(Duration.ofSeconds(20), "the replacement in the API server", () -> lead.pods()
                        .inNamespace(sandbox.namespace()).withLabel(Conventions.MODEL_LABEL, "sentiment").list().getItems().stream()
                        .anyMatch(p -> !p.getMetadata().getName().equals(victim) && p.getMetadata().getDeletionTimestamp() == null
                                && "standby".equals(p.getMetadata().getLabels().get(Conventions.TRACK_LABEL))));
            }
            await(Duration.ofSeconds(1), "the replacement", s -> s.pods().stream()
                    .anyMatch(p -> p.model().equals("sentiment") && p.track().equals("standby") && !p.name().equals(victim)));

            Track fraudPrimary = track(latest.get(), "fraud-detector", "primary");
            assertEquals(fraudPrimary.available(), fraudPrimary.readyEndpoints(), "every available pod is a ready endpoint");
            assertEquals(1, fraudPrimary.disruptionsAllowed(), "its PodDisruptionBudget (maxUnavailable=1) allows one");

            progress.clear();
            kubectl.run("rollout", "restart", "deployment/sentiment-primary").assertOk();
            await(Duration.ofSeconds(1), "the rollout in progress", s -> track(s, "sentiment", "primary").rollingOut());
            Kubectl.Result status = kubectl.run(60, "rollout", "status", "deployment/sentiment-primary", "--timeout=50s").assertOk();
            FleetSnapshot done = await(Duration.ofSeconds(1), "the rollout complete, as kubectl rollout status said",
                    s -> !track(s, "sentiment", "primary").rollingOut());
            Track primary = track(done, "sentiment", "primary");
            assertEquals(2, primary.updated());
            assertEquals(2, primary.available());
            assertEquals("deployment \"sentiment-primary\" successfully rolled out", primary.rollout().status());
            assertTrue(primary.rollout().replicaSets().size() >= 2, "the old and the new ReplicaSet");
            assertTrue(primary.rollout().replicaSets().getFirst().current(), "the newest ReplicaSet first");
            assertEquals(2, primary.rollout().replicaSets().getFirst().replicas());
            List<String> kubectlSaid = status.out().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            List<String> pitwallSaid = List.copyOf(progress);
            for (String line : kubectlSaid) {
                assertTrue(pitwallSaid.contains(line), "Pitwall showed kubectl's \"" + line + "\"; it showed " + pitwallSaid);
            }
        }
    }

    @Test
    void watchesOnlyWhatTheIdentityMayListAndSaysWhatItLeftOut() {
        try (Sandbox sandbox = TestSandboxes.start("single-active", dir);
             var lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD)) {
            // The viewer loses its cluster-wide reading and may only read pods and deployments in "models".
            lead.rbac().clusterRoleBindings().list().getItems().stream()
                    .filter(binding -> binding.getRoleRef().getName().equals("pitwall:viewer"))
                    .forEach(binding -> lead.rbac().clusterRoleBindings().resource(binding).delete());
            lead.rbac().roles().inNamespace("models").resource(new io.fabric8.kubernetes.api.model.rbac.RoleBuilder()
                    .withNewMetadata().withName("pods-only").endMetadata()
                    .addNewRule().withApiGroups("", "apps").withResources("pods", "deployments").withVerbs("get", "list", "watch").endRule()
                    .build()).create();
            lead.rbac().roleBindings().inNamespace("models").resource(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                    .withNewMetadata().withName("viewer-pods-only").endMetadata()
                    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("pods-only").endRoleRef()
                    .addNewSubject().withKind("Group").withApiGroup("rbac.authorization.k8s.io").withName("pitwall:viewers").endSubject()
                    .build()).create();
            try (ClusterWatch watch = ClusterWatch.start("sandbox-viewer",
                    KubeClients.forContext(sandbox.kubeconfig(), sandbox.context(SandboxIdentity.VIEWER)), latest::set)) {
                FleetSnapshot live = await(Duration.ofSeconds(30), "live with what the viewer may read",
                        s -> s.connection().status() == Connection.Status.LIVE && s.services().size() == 2 && s.pods().size() == 2);
                assertTrue(live.unwatched().containsAll(List.of("nodes", "services", "httproutes", "events")), live.unwatched().toString());
                assertFalse(live.unwatched().contains("pods"));
                assertTrue(live.connection().detail().contains("not permitted to list"), live.connection().detail());
                assertTrue(live.nodes().isEmpty());
            }
        }
    }

    @Test
    void aLostApiServerIsMarkedStaleAndARestartedOneIsFollowedAgain() {
        Sandbox first = TestSandboxes.start("single-active", dir);
        int port = first.port();
        Sandbox.Credentials credentials = first.credentials();
        try (ClusterWatch watch = ClusterWatch.start("sandbox-viewer",
                KubeClients.forContext(first.kubeconfig(), first.context(SandboxIdentity.VIEWER)), latest::set)) {
            await(Duration.ofSeconds(30), "live", s -> s.connection().status() == Connection.Status.LIVE && s.services().size() == 2);

            first.close();
            FleetSnapshot stale = await(Duration.ofSeconds(2), "the view marked stale", s -> s.connection().stale());
            assertEquals(Connection.Status.STALE, stale.connection().status());
            assertTrue(stale.connection().detail().contains("reconnecting"), stale.connection().detail());
            assertFalse(stale.services().isEmpty(), "the last known state stays visible, marked stale");

            try (Sandbox second = Sandbox.start(Sandbox.Options.of("sandbox", first.options().preset(), dir.resolve("second"))
                    .withPort(port).withCredentials(credentials))) {
                Set<String> actual = new TreeSet<>();
                TestSandboxes.await(Duration.ofSeconds(30), "the restarted sandbox's pods", () -> {
                    actual.clear();
                    second.store().forEach(dev.pitwall.sandbox.store.ResourceTypes.STANDARD.find("", "pods").orElseThrow(),
                            "models", pod -> actual.add(pod.path("metadata").path("name").asString()));
                    return actual.size() == 2;
                });
                FleetSnapshot recovered = await(Duration.ofSeconds(30), "live again with the new state",
                        s -> s.connection().status() == Connection.Status.LIVE
                                && new TreeSet<>(s.pods().stream().map(FleetPod::name).toList()).equals(actual));
                assertEquals(2, recovered.services().size());
            }
        }
    }

    @Test
    void aClusterNotUpYetIsSaidToBeUnreadableAndIsFollowedOnceItIsUp() {
        Sandbox first = TestSandboxes.start("single-active", dir);
        int port = first.port();
        Sandbox.Credentials credentials = first.credentials();
        String context = first.context(SandboxIdentity.VIEWER);
        first.close(); // its kubeconfig stays: a context whose API server is not up yet
        try (ClusterWatch watch = ClusterWatch.start("sandbox-viewer", KubeClients.forContext(first.kubeconfig(), context), latest::set)) {
            FleetSnapshot failed = await(Duration.ofSeconds(15), "the context said to be unreadable",
                    s -> s.connection().status() == Connection.Status.FAILED);
            assertTrue(failed.connection().detail().contains("cannot read the cluster at https://127.0.0.1:" + port),
                    failed.connection().detail());
            assertTrue(failed.connection().detail().contains("Trying again at"), failed.connection().detail());
            assertTrue(failed.services().isEmpty());

            try (Sandbox second = Sandbox.start(Sandbox.Options.of("sandbox", first.options().preset(), dir.resolve("second"))
                    .withPort(port).withCredentials(credentials))) {
                FleetSnapshot live = await(Duration.ofMillis(ClusterWatch.RETRY_MOST_MILLIS + 30_000), "live once the server is up",
                        s -> s.connection().status() == Connection.Status.LIVE && s.services().size() == 2);
                assertEquals("live", live.connection().detail());
            }
        }
    }
}
