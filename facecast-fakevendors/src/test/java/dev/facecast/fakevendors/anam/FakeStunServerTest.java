package dev.facecast.fakevendors.anam;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake's STUN answers: the sender's address, XOR'ed with the magic cookie (RFC 8489 section 14.2). */
@Tag("unit")
class FakeStunServerTest {

    private static final int MAGIC_COOKIE = 0x2112A442;

    @Test
    void shouldAnswerABindingRequestWithWhereItCameFrom() {
        ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(MAGIC_COOKIE)
                .put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}).flip();

        ByteBuffer response = ByteBuffer.wrap(FakeStunServer.answer(request, new InetSocketAddress("127.0.0.1", 50_000)));

        assertThat(response.getShort(0)).as("Binding success").isEqualTo((short) 0x0101);
        assertThat(response.getShort(2)).as("attributes' length").isEqualTo((short) 12);
        assertThat(response.getInt(4)).isEqualTo(MAGIC_COOKIE);
        assertThat(response.array()[8]).as("the request's transaction id").isEqualTo((byte) 1);
        assertThat(response.array()[19]).isEqualTo((byte) 12);
        assertThat(response.getShort(20)).as("XOR-MAPPED-ADDRESS").isEqualTo((short) 0x0020);
        assertThat((response.getShort(26) ^ (MAGIC_COOKIE >>> 16)) & 0xffff).isEqualTo(50_000);
        assertThat(response.getInt(28) ^ MAGIC_COOKIE).isEqualTo(0x7f000001);
    }

    @Test
    void shouldIgnoreAnythingElse() {
        ByteBuffer notStun = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0).flip();
        ByteBuffer tooShort = ByteBuffer.allocate(8);

        assertThat(FakeStunServer.answer(notStun, new InetSocketAddress("127.0.0.1", 1))).isNull();
        assertThat(FakeStunServer.answer(tooShort, new InetSocketAddress("127.0.0.1", 1))).isNull();
    }
}
