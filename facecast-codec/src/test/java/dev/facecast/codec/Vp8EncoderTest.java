package dev.facecast.codec;

import dev.facecast.avatar.EyeState;
import dev.facecast.avatar.FacePose;
import dev.facecast.avatar.Viseme;
import dev.facecast.media.video.ChangedBlocks;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.facecast.codec.AvatarVideo.FPS;
import static dev.facecast.codec.AvatarVideo.HEIGHT_PX;
import static dev.facecast.codec.AvatarVideo.WIDTH_PX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VP8 through libvpx, round trips on our avatar. Needs Debian's libvpx7 (scripts/install-test-deps.sh): never skipped. */
@Tag("native")
@org.junit.jupiter.api.extension.ExtendWith(NoCodecLeft.class)
class Vp8EncoderTest {

    private static final Vp8Settings SETTINGS = Vp8Settings.avatar(WIDTH_PX, HEIGHT_PX, FPS, 400_000);

    private final AvatarVideo video = new AvatarVideo();
    private final EncodedFrame coded = EncodedFrame.forSettings(SETTINGS);
    @BeforeEach
    void requireLibvpx() {
        assertThat(Vp8Encoder.unavailabilityCause()).as("libvpx7 must be installed: scripts/install-test-deps.sh").isNull();
    }

    @AfterEach
    void checkNoFrameLeft() {
        assertThat(video.pool.outstanding()).as("frames not released").isZero();
    }

    @Test
    void shouldRoundTripTheTalkingAvatarAbove35Db() {
        assertThat(worstPsnrDbOverThreeSeconds(false)).isGreaterThan(35);
    }

    @Test
    void shouldRoundTripTheTalkingAvatarAbove35DbCodingOnlyChangedBlocks() {
        assertThat(worstPsnrDbOverThreeSeconds(true)).isGreaterThan(35);
    }

    /** Encodes and decodes 3 s of talking; the worst PSNR after the first second, once rate control settled. */
    private double worstPsnrDbOverThreeSeconds(boolean activeMap) {
        double worstPsnrDb = Double.MAX_VALUE;
        long totalBytes = 0;
        ChangedBlocks changed = new ChangedBlocks(WIDTH_PX, HEIGHT_PX);
        I420Frame previous = video.pool.acquire();
        I420Frame decoded = video.pool.acquire();
        try (Vp8Encoder encoder = new Vp8Encoder(SETTINGS); Vp8Decoder decoder = new Vp8Decoder(SETTINGS.maxFrameBytes())) {
            for (int i = 0; i < 3 * FPS; i++) {
                I420Frame frame = video.next();
                try {
                    changed.clear();
                    changed.markDifferences(previous, frame);
                    encoder.encode(frame, activeMap ? changed : null, false, coded);
                    assertThat(decoder.decode(coded.buffer(), coded.sizeBytes(), decoded)).isTrue();
                    totalBytes += coded.sizeBytes();
                    if (i >= FPS) {
                        worstPsnrDb = Math.min(worstPsnrDb, AvatarVideo.psnrDb(frame, decoded));
                    }
                    System.arraycopy(frame.data(), 0, previous.data(), 0, frame.data().length);
                } finally {
                    frame.release();
                }
            }
        } finally {
            previous.release();
            decoded.release();
        }
        System.out.printf("VP8 720x480@15 avatar%s: worst PSNR %.1f dB, %d kbps%n", activeMap ? ", changed blocks only" : "",
                worstPsnrDb, totalBytes * 8 / 3 / 1000);
        return worstPsnrDb;
    }

    @Test
    void shouldCodeAKeyframeOnDemandThatANewReceiverCanStartFrom() {
        I420Frame decoded = video.pool.acquire();
        try (Vp8Encoder encoder = new Vp8Encoder(SETTINGS); Vp8Decoder lateDecoder = new Vp8Decoder(SETTINGS.maxFrameBytes())) {
            boolean[] keyframes = new boolean[6];
            for (int i = 0; i < keyframes.length; i++) {
                I420Frame frame = video.next();
                try {
                    encoder.encode(frame, null, i == 4, coded);
                    keyframes[i] = coded.keyframe();
                    if (i == 4) {
                        assertThat(lateDecoder.decode(coded.buffer(), coded.sizeBytes(), decoded)).isTrue();
                        assertThat(AvatarVideo.psnrDb(frame, decoded)).isGreaterThan(30);
                    }
                } finally {
                    frame.release();
                }
            }
            assertThat(keyframes).containsExactly(true, false, false, false, true, false);
        } finally {
            decoded.release();
        }
    }

    @Test
    void shouldCodeOnlyTheBlocksMarkedChanged() {
        I420Frame rest = video.render(new FacePose(Viseme.REST, EyeState.OPEN, 2));
        I420Frame open = video.render(new FacePose(Viseme.AA, EyeState.OPEN, 2));
        // The head moves one bob step too, so every block of the head differs from the last frame.
        I420Frame openMoved = video.render(new FacePose(Viseme.AA, EyeState.OPEN, 3));
        I420Frame decoded = video.pool.acquire();
        ChangedBlocks mouth = new ChangedBlocks(WIDTH_PX, HEIGHT_PX);
        mouth.markDifferences(rest, open);
        try (Vp8Encoder everything = new Vp8Encoder(SETTINGS); Vp8Encoder mouthOnly = new Vp8Encoder(SETTINGS);
             Vp8Decoder decoder = new Vp8Decoder(SETTINGS.maxFrameBytes())) {
            for (int i = 0; i < FPS; i++) {
                everything.encode(rest, null, false, coded);
                mouthOnly.encode(rest, null, false, coded);
                decoder.decode(coded.buffer(), coded.sizeBytes(), decoded);
            }
            everything.encode(openMoved, null, false, coded);
            int everythingBytes = coded.sizeBytes();
            mouthOnly.encode(openMoved, mouth, false, coded);
            int mouthBytes = coded.sizeBytes();
            decoder.decode(coded.buffer(), coded.sizeBytes(), decoded);

            System.out.printf("VP8 head moved and mouth opened: %d bytes with every block, %d with the %d mouth blocks of %d%n",
                    everythingBytes, mouthBytes, mouth.changedCount(), mouth.columns() * mouth.rows());
            assertThat(mouth.changedCount()).isBetween(4, 60);
            assertThat(mouthBytes).isLessThan(everythingBytes / 2);
            // Only the mouth was coded: the picture is the still head with the new mouth.
            assertThat(AvatarVideo.psnrDb(open, decoded)).isGreaterThan(AvatarVideo.psnrDb(openMoved, decoded));
        } finally {
            rest.release();
            open.release();
            openMoved.release();
            decoded.release();
        }
    }

    @Test
    void shouldFreeItsNativeStateOnceAndRefuseWorkAfterClose() {
        long liveBefore = NativeCodec.liveCount();
        Vp8Encoder encoder = new Vp8Encoder(SETTINGS);
        Vp8Decoder decoder = new Vp8Decoder(SETTINGS.maxFrameBytes());
        assertThat(NativeCodec.liveCount()).isEqualTo(liveBefore + 2);

        encoder.close();
        encoder.close();
        decoder.close();
        decoder.close();

        assertThat(NativeCodec.liveCount()).isEqualTo(liveBefore);
        I420Frame frame = video.next();
        try {
            assertThatThrownBy(() -> encoder.encode(frame, null, false, coded)).hasMessageContaining("closed");
        } finally {
            frame.release();
        }
    }

    @Test
    void shouldRejectFramesAndBlocksOfAnotherSize() {
        FramePool smallPool = new FramePool(320, 240, 1);
        I420Frame small = smallPool.acquire();
        try (Vp8Encoder encoder = new Vp8Encoder(SETTINGS)) {
            assertThatThrownBy(() -> encoder.encode(small, null, false, coded)).hasMessageContaining("720x480");
            I420Frame frame = video.next();
            try {
                assertThatThrownBy(() -> encoder.encode(frame, new ChangedBlocks(320, 240), false, coded))
                        .hasMessageContaining("45x30");
            } finally {
                frame.release();
            }
        } finally {
            small.release();
        }
    }
}
