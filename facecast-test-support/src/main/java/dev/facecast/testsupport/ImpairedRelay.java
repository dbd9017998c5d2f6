package dev.facecast.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay on loopback that loses and delays packets both ways, for tests of media under a
 * bad network: the server advertises the relay's address, the browser sends there, and the
 * relay forwards to the server's real port. It stands in for {@code tc netem} on a veth pair,
 * which needs the kernel's sch_netem (absent on these machines: "Specified qdisc kind is
 * unknown"), and it shapes nothing but its own sockets.
 *
 * <p>One client at a time (the latest address that sent to it), as one browser per test is.
 */
public final class ImpairedRelay implements AutoCloseable {

    private static final int MAX_DATAGRAM_BYTES = 2048;

    private final DatagramSocket front;
    private final DatagramSocket back;
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "impaired-relay-delay"));
    private final Thread frontReader;
    private final Thread backReader;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile InetSocketAddress target;
    private volatile InetSocketAddress client;
    private volatile double lossRatio;
    private volatile long delayNs;
    private volatile boolean closed;

    public ImpairedRelay() {
        try {
            this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        this.frontReader = daemon(() -> pump(front, true), "impaired-relay-up");
        this.backReader = daemon(() -> pump(back, false), "impaired-relay-down");
        frontReader.start();
        backReader.start();
    }

    /** Where clients send: the address to advertise. */
    public InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    /** Where packets from the client go. */
    public void forwardTo(InetSocketAddress server) {
        this.target = server;
    }

    /** From now on, each packet either way is lost with {@code lossRatio} and otherwise delayed by {@code delay}. */
    public void impair(double lossRatio, Duration delay) {
        this.lossRatio = lossRatio;
        this.delayNs = delay.toNanos();
    }

    public long forwarded() {
        return forwarded.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void pump(DatagramSocket from, boolean upstream) {
        byte[] buffer = new byte[MAX_DATAGRAM_BYTES];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                from.receive(packet);
            } catch (IOException e) {
                return;
            }
            if (upstream) {
                client = (InetSocketAddress) packet.getSocketAddress();
            }
            InetSocketAddress to = upstream ? target : client;
            if (to == null) {
                continue;
            }
            if (ThreadLocalRandom.current().nextDouble() < lossRatio) {
                dropped.incrementAndGet();
                continue;
            }
            DatagramPacket copy = new DatagramPacket(java.util.Arrays.copyOf(packet.getData(), packet.getLength()),
                    packet.getLength(), to);
            DatagramSocket out = upstream ? back : front;
            long delay = delayNs;
            if (delay == 0) {
                send(out, copy);
            } else {
                delayer.schedule(() -> send(out, copy), delay, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void send(DatagramSocket socket, DatagramPacket packet) {
        try {
            socket.send(packet);
            forwarded.incrementAndGet();
        } catch (IOException e) {
            dropped.incrementAndGet();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        front.close();
        back.close();
        delayer.shutdownNow();
        frontReader.join(1_000);
        backReader.join(1_000);
        delayer.awaitTermination(1, TimeUnit.SECONDS);
    }
}
