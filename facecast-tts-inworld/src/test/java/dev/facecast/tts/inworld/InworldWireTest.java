package dev.facecast.tts.inworld;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.provider.ErrorKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading and writing Inworld's messages, without a server. */
@Tag("unit")
class InworldWireTest {

    private final InworldReplies replies = new InworldReplies(new ObjectMapper());

    @Test
    void shouldStripAWavHeaderAndCarryASampleSplitAcrossChunks() {
        byte[] wav = ByteBuffer.allocate(44 + 3).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes()).putInt(-1).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(24_000).putInt(48_000)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(-1)
                .putShort((short) 1000).put((byte) 0x34).array();
        Linear16Decoder decoder = new Linear16Decoder();

        assertThat(decoder.decode(wav)).containsExactly((short) 1000);
        assertThat(decoder.decode(new byte[] {0x12, 0x05, 0x00})).containsExactly((short) 0x1234, (short) 5);
    }

    @Test
    void shouldCutLongTextAtSpacesWithinTheSendLimit() {
        String text = "word ".repeat(450).strip();

        var pieces = TextPieces.split(text, TextPieces.MAX_SEND_TEXT_CHARS);

        assertThat(pieces).hasSize(3).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(1_000));
        assertThat(String.join("", pieces)).isEqualTo(text);
    }

    @Test
    void shouldReadAudioAndPhonesWithAPauseBetweenWords() {
        String pcm = Base64.getEncoder().encodeToString(new byte[] {1, 0, 2, 0});
        String message = """
                {"result":{"contextId":"c1","status":{"code":0,"message":""},"audioChunk":{"audioContent":"%s",
                 "timestampInfo":{"wordAlignment":{"words":["Hi","you"],"wordStartTimeSeconds":[0,0.5],"wordEndTimeSeconds":[0.3,0.8],
                  "phoneticDetails":[{"wordIndex":0,"phones":[{"phoneSymbol":"h","startTimeSeconds":0,"durationSeconds":0.1,"visemeSymbol":"aei"},
                                                               {"phoneSymbol":"aɪ","startTimeSeconds":0.1,"durationSeconds":0.2,"visemeSymbol":"aei"}]},
                                     {"wordIndex":1,"phones":[{"phoneSymbol":"j","startTimeSeconds":0.5,"durationSeconds":0.1,"visemeSymbol":"i"},
                                                               {"phoneSymbol":"uː","startTimeSeconds":0.6,"durationSeconds":0.2,"visemeSymbol":"u"}]}]}}}}}
                """.formatted(pcm);

        InworldReplies.Reply reply = replies.read(message);

        assertThat(reply.contextId()).isEqualTo("c1");
        InworldEvent.Audio audio = (InworldEvent.Audio) reply.event();
        assertThat(audio.bytes()).containsExactly(1, 0, 2, 0);
        assertThat(audio.phones()).containsExactly(new PhoneTiming("hh", 100), new PhoneTiming("ay", 300),
                new PhoneTiming("pau", 500), new PhoneTiming("y", 600), new PhoneTiming("uw", 800));
    }

    @Test
    void shouldMapStatusesToKindsAndGarbageToTheConnection() {
        assertThat(failure(replies.read("{\"result\":{\"contextId\":\"c\",\"status\":{\"code\":8,\"message\":\"max contexts limit reached\"}}}")))
                .isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failure(replies.read("{\"result\":{\"contextId\":\"c\",\"status\":{\"code\":5,\"message\":\"Context not found\"}}}")))
                .isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(failure(replies.read("{\"error\":{\"code\":16,\"message\":\"bad key\"}}"))).isEqualTo(ErrorKind.AUTH);
        assertThat(failure(replies.read("{\"result\":{\"contextId\":\"c\",\"audioChunk\":{\"audioContent\":\"%%%\"}}}")))
                .isEqualTo(ErrorKind.PROTOCOL);

        InworldReplies.Reply garbage = replies.read("<html>502</html>");
        assertThat(garbage.contextId()).isNull();
        assertThat(failure(garbage)).isEqualTo(ErrorKind.PROTOCOL);
    }

    @Test
    void shouldAskForTheRateAndFlushOnlyTheLastPiece() {
        InworldRequests requests = new InworldRequests(new ObjectMapper(),
                InworldSettings.of(java.net.URI.create("http://127.0.0.1:1"), "k"));

        assertThat(requests.create("c1", 24_000)).contains("\"sampleRateHertz\":24000", "\"audioEncoding\":\"LINEAR16\"",
                "\"timestampType\":\"WORD\"", "\"contextId\":\"c1\"");
        assertThat(requests.sendText("c1", "a", false)).doesNotContain("flush_context");
        assertThat(requests.sendText("c1", "b", true)).contains("\"flush_context\":{}");
        assertThat(requests.closeContext("c1")).isEqualTo("{\"close_context\":{},\"contextId\":\"c1\"}");
        assertThat(Arrays.asList(InworldSettings.of(java.net.URI.create("https://api.inworld.ai/"), "k").streamUri().toString()))
                .containsExactly("wss://api.inworld.ai/tts/v1/voice:streamBidirectional");
    }

    private static ErrorKind failure(InworldReplies.Reply reply) {
        return ((InworldEvent.Failed) reply.event()).kind();
    }
}
