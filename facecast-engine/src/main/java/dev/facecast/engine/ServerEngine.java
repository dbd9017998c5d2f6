package dev.facecast.engine;

import dev.facecast.engine.dtls.DtlsIdentity;
import dev.facecast.engine.ice.StunResponder;
import dev.facecast.engine.net.MediaPort;
import dev.facecast.engine.net.PacedSender;
import dev.facecast.engine.net.PacketKind;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.media.audio.AudioFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The server media engine of a process: one UDP port for every session's media, one thread
 * receiving on it and one sending, one DTLS certificate. It terminates ICE (lite), DTLS and
 * SRTP itself, as media servers do, instead of running a browser's engine per session.
 *
 * <p>Demultiplexing (RFC 7983): a STUN check is matched to its session by the USERNAME's
 * first half, our ufrag, and verified with that session's password; the check's source
 * address then identifies the session for DTLS and RTCP. Packets from an address no verified
 * check came from are dropped, and counted.
 *
 * <p>Threading: {@link #publisher} and {@link #close} on control threads; everything else on
 * the engine's two network threads.
 */
public final class ServerEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerEngine.class);
    /**
     * ice4j and jitsi-srtp log their start-up (configuration, AES benchmark) at INFO through
     * java.util.logging, straight to the console; only their warnings matter here. Held in a
     * field: java.util.logging keeps loggers weakly, and would forget the level.
     */
    private static final java.util.List<java.util.logging.Logger> JITSI_LOGS = quiet("org.jitsi", "org.ice4j");

    private final EngineSettings settings;
    private final DtlsIdentity identity = DtlsIdentity.generate();
    private final StunResponder stun = new StunResponder();
    private final Map<String, ServerPublisher> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, ServerPublisher> byAddress = new ConcurrentHashMap<>();
    private final LongAdder strayPackets = new LongAdder();
    private final PacedSender sender;
    private final MediaPort port;
    private final List<InetSocketAddress> candidates;

    private ServerEngine(EngineSettings settings) throws IOException {
        this.settings = settings;
        this.sender = new PacedSender();
        try {
            this.port = new MediaPort(new InetSocketAddress(settings.bindAddress(), settings.port()), this::onDatagram);
        } catch (IOException e) {
            sender.close();
            throw e;
        }
        this.candidates = candidates(settings, port.localAddress().getPort());
        MediaThreads.virtual("facecast-engine-warmup").newThread(() -> EngineWarmUp.run(stun)).start();
        log.info("server media engine on UDP {} (candidates {})", port.localAddress(), candidates);
    }

    /**
     * Binds the port and starts the two network threads.
     *
     * @throws UncheckedIOException when the port cannot be bound (in use, no such address)
     */
    public static ServerEngine start(EngineSettings settings) {
        try {
            return new ServerEngine(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind the media port " + settings.bindAddress().getHostAddress() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
    }

    private static java.util.List<java.util.logging.Logger> quiet(String... names) {
        List<java.util.logging.Logger> loggers = new ArrayList<>();
        for (String name : names) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.WARNING);
            loggers.add(logger);
        }
        return loggers;
    }

    /** A publisher for one session; it joins the port when it has answered an offer. */
    public ServerPublisher publisher(String sessionId, AudioFormat audioFormat, Consumer<PeerState> onState) {
        return new ServerPublisher(this, sessionId, audioFormat, onState);
    }

    /** The UDP port every session shares. */
    public int port() {
        return port.localAddress().getPort();
    }

    public List<InetSocketAddress> candidates() {
        return candidates;
    }

    /** Sessions whose publisher answered and is not closed. */
    public int publishers() {
        return byUfrag.size();
    }

    /** Datagrams that matched no session (scans, late packets of closed sessions). */
    public long strayPackets() {
        return strayPackets.sum();
    }

    EngineSettings settings() {
        return settings;
    }

    DtlsIdentity identity() {
        return identity;
    }

    MediaPort mediaPort() {
        return port;
    }

    /** Makes {@code publisher} reachable by its checks and packets; returns its place on the send thread. */
    PacedSender.Registration register(ServerPublisher publisher) {
        byUfrag.put(publisher.ice().ufrag(), publisher);
        stun.register(publisher.ice());
        return sender.add(publisher);
    }

    void unregister(ServerPublisher publisher, PacedSender.Registration sending) {
        stun.unregister(publisher.ice());
        byUfrag.remove(publisher.ice().ufrag(), publisher);
        InetSocketAddress remote = publisher.remote();
        if (remote != null) {
            byAddress.remove(remote, publisher);
        }
        sender.remove(sending);
    }

    /** A verified check moved a session's receiver to {@code address}. */
    void bind(InetSocketAddress address, ServerPublisher publisher, InetSocketAddress previous) {
        if (previous != null) {
            byAddress.remove(previous, publisher);
        }
        byAddress.put(address, publisher);
    }

    private void onDatagram(byte[] packet, int length, InetSocketAddress from) {
        switch (PacketKind.of(packet, length)) {
            case STUN -> stun.answer(packet, length, from).ifPresentOrElse(answered -> {
                ServerPublisher publisher = byUfrag.get(answered.check().localUfrag());
                if (publisher != null) {
                    port.send(answered.response(), 0, answered.response().length, from);
                    publisher.onCheck(from, answered.check().useCandidate());
                }
            }, strayPackets::increment);
            case DTLS -> withPublisher(from, publisher -> publisher.onDtls(packet, length));
            case RTCP -> withPublisher(from, publisher -> publisher.onRtcp(packet, length));
            default -> strayPackets.increment();
        }
    }

    private void withPublisher(InetSocketAddress from, Consumer<ServerPublisher> action) {
        ServerPublisher publisher = byAddress.get(from);
        if (publisher == null) {
            strayPackets.increment();
            return;
        }
        action.accept(publisher);
    }

    /**
     * The advertised addresses (port 0 meaning the bound port), or the bound address, or
     * (bound to a wildcard) every up interface's IPv4 addresses.
     */
    private static List<InetSocketAddress> candidates(EngineSettings settings, int port) {
        if (!settings.advertisedAddresses().isEmpty()) {
            return settings.advertisedAddresses().stream()
                    .map(address -> address.getPort() == 0 ? new InetSocketAddress(address.getAddress(), port) : address).toList();
        }
        List<InetAddress> addresses = new ArrayList<>();
        if (!settings.bindAddress().isAnyLocalAddress()) {
            addresses.add(settings.bindAddress());
        } else {
            try {
                for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                    if (nic.isUp() && !nic.isLoopback()) {
                        nic.inetAddresses().filter(Inet4Address.class::isInstance).forEach(addresses::add);
                    }
                }
            } catch (SocketException e) {
                log.warn("could not list network interfaces: {}", e.getMessage());
            }
            if (addresses.isEmpty()) {
                addresses.add(InetAddress.getLoopbackAddress());
            }
        }
        return addresses.stream().map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public void close() {
        port.close();
        sender.close();
    }
}
