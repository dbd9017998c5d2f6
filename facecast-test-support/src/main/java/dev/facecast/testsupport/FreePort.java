package dev.facecast.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback TCP port free right now, for a process the test starts (which cannot be told port 0 and asked later). */
public final class FreePort {

    private FreePort() {
    }

    public static int pick() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
