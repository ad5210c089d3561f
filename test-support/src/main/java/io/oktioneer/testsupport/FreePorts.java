package io.oktioneer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts as child processes, which bind them seconds later. Not the kernel's pick
 * ({@code new ServerSocket(0)}): that port comes from the ephemeral range, and until the child binds it (up to a
 * minute for a service that warms up first) any outgoing connection on the machine may take it as its local port,
 * so the child fails with "Port N was already in use". These come from below the ephemeral range, where the kernel
 * never picks a local port, are free when handed out, and are handed out once per JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port free on the loopback address now and not handed out before by this JVM. */
    public static int next() {
        int highest = ephemeralStart() - 1;
        if (highest - LOWEST < 1_000) {
            return kernelPick(); // no room below the ephemeral range on this machine: the racy way is all there is
        }
        for (int tries = 0; tries < 500; tries++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (HANDED_OUT.add(port) && free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST + "-" + highest);
    }

    /** The first port of the kernel's ephemeral range; Linux's default where it cannot be read. */
    static int ephemeralStart() {
        try {
            // readAllLines: Files.readString reads a /proc file short (its size reads as 0)
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int kernelPick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
