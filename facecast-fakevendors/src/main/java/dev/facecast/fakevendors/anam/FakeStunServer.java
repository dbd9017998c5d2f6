package dev.facecast.fakevendors.anam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The STUN server the fake names in its engine sessions' ICE servers: it answers each Binding
 * request (RFC 8489 section 6.3.1) with where it came from, in an XOR-MAPPED-ADDRESS, as a
 * public STUN server does. A client that gathers through the servers it was given (non-trickle,
 * waiting for gathering to complete) finishes at once on loopback, and the count of requests
 * answered shows it used them. IPv4, loopback only; anything but a Binding request is ignored.
 *
 * <p>Threading: one daemon thread reads and answers; {@link #close} from any thread.
 */
final class FakeStunServer implements AutoCloseable {

    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int HEADER_BYTES = 20;
    private static final int TRANSACTION_ID_BYTES = 12;
    private static final short BINDING_REQUEST = 0x0001;
    private static final short BINDING_SUCCESS = 0x0101;
    private static final short XOR_MAPPED_ADDRESS = 0x0020;
    private static final byte FAMILY_IPV4 = 0x01;
    /** Attribute header (4) + reserved, family, port (4) + address (4). */
    private static final int MAPPED_ADDRESS_BYTES = 12;

    private final DatagramSocket socket;
    private final AtomicLong answered = new AtomicLong();

    private FakeStunServer(DatagramSocket socket) {
        this.socket = socket;
        Thread.ofPlatform().name("fake-stun-" + socket.getLocalPort()).daemon().start(this::serve);
    }

    static FakeStunServer start() {
        try {
            return new FakeStunServer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        } catch (SocketException e) {
            throw new UncheckedIOException("could not open the fake STUN server's port", e);
        }
    }

    /** {@code stun:127.0.0.1:PORT}. */
    String url() {
        return "stun:" + socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    /** Binding requests answered so far. */
    long bindingsAnswered() {
        return answered.get();
    }

    private void serve() {
        byte[] buffer = new byte[1_500];
        while (!socket.isClosed()) {
            DatagramPacket request = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(request);
                byte[] response = answer(ByteBuffer.wrap(buffer, 0, request.getLength()), (InetSocketAddress) request.getSocketAddress());
                if (response != null) {
                    socket.send(new DatagramPacket(response, response.length, request.getSocketAddress()));
                    answered.incrementAndGet();
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** The Binding success response to {@code request}, or null when it is not a Binding request from IPv4. */
    static byte[] answer(ByteBuffer request, InetSocketAddress from) {
        if (request.remaining() < HEADER_BYTES || request.getShort(0) != BINDING_REQUEST || request.getInt(4) != MAGIC_COOKIE
                || !(from.getAddress() instanceof Inet4Address address)) {
            return null;
        }
        ByteBuffer response = ByteBuffer.allocate(HEADER_BYTES + MAPPED_ADDRESS_BYTES);
        response.putShort(BINDING_SUCCESS).putShort((short) MAPPED_ADDRESS_BYTES).putInt(MAGIC_COOKIE);
        response.put(request.array(), request.arrayOffset() + 8, TRANSACTION_ID_BYTES);
        response.putShort(XOR_MAPPED_ADDRESS).putShort((short) 8).put((byte) 0).put(FAMILY_IPV4);
        response.putShort((short) (from.getPort() ^ (MAGIC_COOKIE >>> 16)));
        response.putInt(ByteBuffer.wrap(address.getAddress()).getInt() ^ MAGIC_COOKIE);
        return response.array();
    }

    @Override
    public void close() {
        socket.close();
    }
}
