package dev.facecast.engine.ice;

import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ICE-lite side of connectivity checks (RFC 8445 section 2.5, 7.3): a lite agent never
 * sends checks, it answers the browser's Binding requests on the shared port. A request is
 * answered only when its USERNAME ({@code <our ufrag>:<their ufrag>}) names a live session
 * and its MESSAGE-INTEGRITY verifies with that session's password; anything else is dropped
 * silently, so the port tells a scanner nothing.
 *
 * <p>ice4j supplies the STUN messages, attributes and integrity (HMAC-SHA1) and fingerprint
 * computation. Its {@link StunStack} is used only as the holder of credentials that the
 * encoder looks our password up in; it starts no threads and opens no sockets.
 *
 * <p>Threading: {@link #answer} on the network receive thread; registration on any thread.
 */
public final class StunResponder {

    /** What a verified check tells its session. */
    public record Check(String localUfrag, boolean useCandidate) {
    }

    private final Map<String, String> passwordsByUfrag = new ConcurrentHashMap<>();
    private final StunStack stack = new StunStack();

    public StunResponder() {
        stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String username) {
                String password = passwordsByUfrag.get(localUfrag(username));
                return password == null ? null : password.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] getRemoteKey(String username, String media) {
                return null;
            }

            @Override
            public boolean checkLocalUserName(String username) {
                return passwordsByUfrag.containsKey(localUfrag(username));
            }
        });
    }

    public void register(IceCredentials credentials) {
        passwordsByUfrag.put(credentials.ufrag(), credentials.password());
    }

    public void unregister(IceCredentials credentials) {
        passwordsByUfrag.remove(credentials.ufrag());
    }

    /**
     * The response to send back for a Binding request from {@code from}, and which session it
     * checked; empty for anything that is not a verified Binding request for a live session.
     */
    public Optional<Answered> answer(byte[] packet, int length, InetSocketAddress from) {
        Message message;
        try {
            message = Message.decode(packet, 0, length);
        } catch (StunException | RuntimeException e) {
            return Optional.empty();
        }
        if (!(message instanceof Request request) || request.getMessageType() != Message.BINDING_REQUEST
                || !(request.getAttribute(Attribute.USERNAME) instanceof UsernameAttribute usernameAttribute)
                || !(request.getAttribute(Attribute.MESSAGE_INTEGRITY) instanceof MessageIntegrityAttribute integrity)) {
            return Optional.empty();
        }
        String username = new String(usernameAttribute.getUsername(), StandardCharsets.UTF_8);
        String ufrag = localUfrag(username);
        String password = passwordsByUfrag.get(ufrag);
        if (password == null || !integrityHolds(packet, length, integrity, password)) {
            return Optional.empty();
        }
        try {
            TransportAddress mapped = new TransportAddress(from.getAddress(), from.getPort(), Transport.UDP);
            Response response = MessageFactory.createBindingResponse(request, mapped);
            response.setTransactionID(request.getTransactionID());
            response.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
            response.putAttribute(AttributeFactory.createFingerprintAttribute());
            boolean useCandidate = request.containsAttribute(Attribute.USE_CANDIDATE);
            return Optional.of(new Answered(response.encode(stack), new Check(ufrag, useCandidate)));
        } catch (StunException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Encodes one response for a throwaway session, so ice4j's configuration and classes are
     * loaded before the first real check rather than during it.
     */
    public void warmUp() {
        IceCredentials throwaway = IceCredentials.random();
        register(throwaway);
        try {
            String username = throwaway.ufrag() + ":warmup";
            Request request = MessageFactory.createBindingRequest();
            request.putAttribute(AttributeFactory.createUsernameAttribute(username));
            Response response = MessageFactory.createBindingResponse(request,
                    new TransportAddress("127.0.0.1", 9, Transport.UDP));
            response.setTransactionID(request.getTransactionID());
            response.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
            response.putAttribute(AttributeFactory.createFingerprintAttribute());
            Message.decode(response.encode(stack), 0, response.encode(stack).length);
        } catch (StunException | RuntimeException e) {
            // Only speed is at stake.
        } finally {
            unregister(throwaway);
        }
    }

    /** An encoded response and the check it answers. */
    public record Answered(byte[] response, Check check) {
    }

    /**
     * MESSAGE-INTEGRITY covers the message up to the attribute, with the header's length field
     * set as if the attribute were the last (RFC 5389 section 15.4); ice4j computes the HMAC.
     */
    private static boolean integrityHolds(byte[] packet, int length, MessageIntegrityAttribute integrity, String password) {
        int attributeStart = integrityOffset(packet, length);
        if (attributeStart < 0) {
            return false;
        }
        byte[] covered = java.util.Arrays.copyOf(packet, attributeStart);
        int lengthAsIfLast = attributeStart - Message.HEADER_LENGTH + 24;
        covered[2] = (byte) (lengthAsIfLast >> 8);
        covered[3] = (byte) lengthAsIfLast;
        byte[] expected = MessageIntegrityAttribute.calculateHmacSha1(covered, 0, covered.length,
                password.getBytes(StandardCharsets.UTF_8));
        return java.security.MessageDigest.isEqual(expected, integrity.getHmacSha1Content());
    }

    /** Where the MESSAGE-INTEGRITY attribute starts, walking the attributes; -1 when absent or malformed. */
    private static int integrityOffset(byte[] packet, int length) {
        int offset = Message.HEADER_LENGTH;
        while (offset + 4 <= length) {
            int type = ((packet[offset] & 0xff) << 8) | (packet[offset + 1] & 0xff);
            int valueLength = ((packet[offset + 2] & 0xff) << 8) | (packet[offset + 3] & 0xff);
            if (type == Attribute.MESSAGE_INTEGRITY) {
                return offset;
            }
            offset += 4 + ((valueLength + 3) & ~3);
        }
        return -1;
    }

    private static String localUfrag(String username) {
        int colon = username.indexOf(':');
        return colon < 0 ? username : username.substring(0, colon);
    }
}
