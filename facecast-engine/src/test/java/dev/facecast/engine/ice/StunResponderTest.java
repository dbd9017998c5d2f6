package dev.facecast.engine.ice;

import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;

import static dev.facecast.engine.EngineTestSupport.bindingRequest;
import static dev.facecast.engine.EngineTestSupport.integrityHolds;
import static dev.facecast.engine.EngineTestSupport.transactionId;
import static dev.facecast.engine.EngineTestSupport.u16;
import static org.assertj.core.api.Assertions.assertThat;

/** ICE-lite checks (RFC 8445 section 7.3): answered only when USERNAME and MESSAGE-INTEGRITY name a live session. */
@Tag("unit")
class StunResponderTest {

    private static final IceCredentials OURS = new IceCredentials("ourUfrag", "ourpasswordourpasswordour");
    private static final InetSocketAddress BROWSER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 54_321);

    private final StunResponder responder = new StunResponder();

    StunResponderTest() {
        responder.register(OURS);
    }

    @Test
    void shouldAnswerAValidCheckWithASuccessResponse() throws Exception {
        byte[] request = bindingRequest("ourUfrag", "theirs", OURS.password(), false);

        StunResponder.Answered answered = answer(request).orElseThrow();

        assertThat(u16(answered.response(), 0)).as("Binding success response").isEqualTo(0x0101);
        assertThat(Message.decode(answered.response(), 0, answered.response().length)).isInstanceOf(Response.class);
        assertThat(answered.check().localUfrag()).isEqualTo("ourUfrag");
    }

    @Test
    void shouldEchoTheTransactionId() {
        byte[] request = bindingRequest("ourUfrag", "theirs", OURS.password(), false);

        byte[] response = answer(request).orElseThrow().response();

        assertThat(transactionId(response)).isEqualTo(transactionId(request));
    }

    @Test
    void shouldMapTheSendersAddressInXorMappedAddress() throws Exception {
        byte[] response = answer(bindingRequest("ourUfrag", "theirs", OURS.password(), false)).orElseThrow().response();

        Message decoded = Message.decode(response, 0, response.length);
        XorMappedAddressAttribute mapped = (XorMappedAddressAttribute) decoded.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
        var address = mapped.getAddress(decoded.getTransactionID());
        assertThat(address.getAddress()).isEqualTo(BROWSER.getAddress());
        assertThat(address.getPort()).isEqualTo(BROWSER.getPort());
    }

    @Test
    void shouldSignTheResponseWithOurPassword() {
        byte[] response = answer(bindingRequest("ourUfrag", "theirs", OURS.password(), false)).orElseThrow().response();

        assertThat(integrityHolds(response, OURS.password())).isTrue();
        assertThat(integrityHolds(response, "someoneelsespassword")).isFalse();
    }

    @Test
    void shouldReportUseCandidateWhenTheCheckNominates() {
        assertThat(answer(bindingRequest("ourUfrag", "theirs", OURS.password(), true)).orElseThrow().check().useCandidate()).isTrue();
        assertThat(answer(bindingRequest("ourUfrag", "theirs", OURS.password(), false)).orElseThrow().check().useCandidate()).isFalse();
    }

    @Test
    void shouldIgnoreACheckSignedWithTheWrongPassword() {
        assertThat(answer(bindingRequest("ourUfrag", "theirs", "notourpasswordnotourpass", false))).isEmpty();
    }

    @Test
    void shouldIgnoreACheckForAnUnknownUfrag() {
        assertThat(answer(bindingRequest("stranger", "theirs", OURS.password(), false))).isEmpty();
    }

    @Test
    void shouldIgnoreChecksAfterTheSessionUnregistered() {
        byte[] request = bindingRequest("ourUfrag", "theirs", OURS.password(), false);
        assertThat(answer(request)).isPresent();

        responder.unregister(OURS);

        assertThat(answer(request)).isEmpty();
    }

    @Test
    void shouldIgnoreBytesThatAreNotStun() {
        assertThat(answer(new byte[] {0x16, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})).isEmpty();
        assertThat(answer(new byte[0])).isEmpty();
        assertThat(answer(new byte[40])).isEmpty();
    }

    @Test
    void shouldIgnoreAResponse() {
        byte[] response = answer(bindingRequest("ourUfrag", "theirs", OURS.password(), false)).orElseThrow().response();

        assertThat(answer(response)).isEmpty();
    }

    @Test
    void shouldIgnoreEveryTruncationOfAValidCheck() {
        byte[] request = bindingRequest("ourUfrag", "theirs", OURS.password(), true);

        for (int length = 0; length < request.length; length++) {
            assertThat(responder.answer(request, length, BROWSER)).as("first %d bytes", length).isEmpty();
        }
    }

    @Test
    void shouldIgnoreACheckWithATamperedAttribute() {
        byte[] request = bindingRequest("ourUfrag", "theirs", OURS.password(), false);
        // Flip a bit in the PRIORITY value, which the integrity covers.
        byte[] tampered = Arrays.copyOf(request, request.length);
        int usernameLength = u16(request, 22);
        int priorityValue = 20 + 4 + ((usernameLength + 3) & ~3) + 4;
        tampered[priorityValue + 3] ^= 1;

        assertThat(answer(tampered)).isEmpty();
    }

    private Optional<StunResponder.Answered> answer(byte[] packet) {
        return responder.answer(packet, packet.length, BROWSER);
    }
}
