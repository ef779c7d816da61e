package dev.pitwall.app;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** Waits (at most 10 s) for a loopback URL's port to stop accepting connections. */
final class TestPorts {

    private TestPorts() {
    }

    static void awaitClosed(String url, String what) throws InterruptedException {
        URI uri = URI.create(url);
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 200);
            } catch (java.io.IOException refused) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": " + url + " still answers");
    }
}
