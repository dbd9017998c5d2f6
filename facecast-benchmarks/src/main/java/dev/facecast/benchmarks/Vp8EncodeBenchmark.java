package dev.facecast.benchmarks;

import dev.facecast.avatar.AvatarRenderer;
import dev.facecast.avatar.SpriteSheet;
import dev.facecast.avatar.TalkingPoses;
import dev.facecast.codec.EncodedFrame;
import dev.facecast.codec.Vp8Encoder;
import dev.facecast.codec.Vp8Settings;
import dev.facecast.media.video.ChangedBlocks;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;

/**
 * VP8 through libvpx (one thread, CBR 400 kbps) on our avatar talking, 720x480 at 15 fps:
 * libwebrtc's settings against ours, with and without the active map. Frames are rendered
 * and their changed blocks found in setup, so the score is the encoder's alone.
 *
 * <p>Score: microseconds per frame. CPU-seconds per video-second = score x 15 / 10^6. Run
 * through {@link #main} to get the three in one run with their ratios to libwebrtc's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class Vp8EncodeBenchmark {

    private static final int WIDTH_PX = 720;
    private static final int HEIGHT_PX = 480;
    private static final int FPS = 15;
    private static final int BITRATE_BPS = 400_000;
    /** Four seconds: one period of the head's sway, three of the mouth shapes. */
    private static final int FRAMES = 4 * FPS;

    /**
     * {@code libwebrtc}: cpu-used -6, static threshold 1. {@code avatar}: cpu-used -16, static
     * threshold 100. {@code avatarActiveMap}: the same, coding only the blocks that changed.
     */
    @Param({"libwebrtc", "avatar", "avatarActiveMap"})
    public String settings;

    private final FramePool pool = new FramePool(WIDTH_PX, HEIGHT_PX, FRAMES);
    private final I420Frame[] frames = new I420Frame[FRAMES];
    private final ChangedBlocks[] changed = new ChangedBlocks[FRAMES];
    private Vp8Encoder encoder;
    private EncodedFrame coded;
    private boolean useActiveMap;
    private long frameCount;
    private long totalBytes;

    @Setup
    public void setUp() {
        AvatarRenderer renderer = new AvatarRenderer(SpriteSheet.forSize(WIDTH_PX, HEIGHT_PX));
        TalkingPoses poses = new TalkingPoses(42, renderer.sheet().bobSteps());
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = pool.acquire();
            renderer.render(poses.at(i * 1000L / FPS), frames[i]);
        }
        for (int i = 0; i < FRAMES; i++) {
            // Against the frame before, wrapping round: the loop is what the encoder sees.
            changed[i] = new ChangedBlocks(WIDTH_PX, HEIGHT_PX);
            changed[i].markDifferences(frames[(i + FRAMES - 1) % FRAMES], frames[i]);
        }
        Vp8Settings chosen = settings.equals("libwebrtc")
                ? Vp8Settings.libwebrtcLike(WIDTH_PX, HEIGHT_PX, FPS, BITRATE_BPS)
                : Vp8Settings.avatar(WIDTH_PX, HEIGHT_PX, FPS, BITRATE_BPS);
        useActiveMap = settings.equals("avatarActiveMap");
        encoder = new Vp8Encoder(chosen);
        coded = EncodedFrame.forSettings(chosen);
    }

    @Benchmark
    public int encodeFrame() {
        int index = (int) (frameCount++ % FRAMES);
        encoder.encode(frames[index], useActiveMap ? changed[index] : null, false, coded);
        totalBytes += coded.sizeBytes();
        return coded.sizeBytes();
    }

    @TearDown
    public void tearDown() {
        int changedBlocks = 0;
        for (ChangedBlocks blocks : changed) {
            changedBlocks += blocks.changedCount();
        }
        System.out.printf("%n[vp8] %s: %d kbps, %d of %d macroblocks changed a frame on average%n", settings,
                totalBytes * 8 * FPS / Math.max(1, frameCount) / 1000, changedBlocks / FRAMES,
                changed[0].columns() * changed[0].rows());
        encoder.close();
        for (I420Frame frame : frames) {
            frame.release();
        }
    }

    /** Runs the three settings (JMH options as arguments) and prints each one's cost against libwebrtc's. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(Vp8EncodeBenchmark.class.getSimpleName()).build()).run();
        LinkedHashMap<String, Double> usPerFrame = new LinkedHashMap<>();
        for (RunResult result : results) {
            usPerFrame.put(result.getParams().getParam("settings"), result.getPrimaryResult().getScore());
        }
        double baseline = usPerFrame.get("libwebrtc");
        System.out.printf("%n%-16s %12s %22s %14s%n", "settings", "µs/frame", "CPU-s per video-s", "vs libwebrtc");
        usPerFrame.forEach((name, us) -> System.out.printf("%-16s %12.0f %22.4f %14.2f%n", name, us, us * FPS / 1e6, us / baseline));
    }
}
