package dev.facecast.benchmarks;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
import dev.facecast.webrtc.Publisher;
import dev.facecast.webrtc.PublisherSettings;
import dev.facecast.webrtc.WebRtcRuntime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Handing one 720x480 frame to libwebrtc, as a session's media thread does: a native I420
 * buffer, the copy of the three planes, the push into the custom video source. No peer is
 * connected, so this is the media thread's share only; encoding runs on libwebrtc's threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class VideoHandoffBenchmark {

    private WebRtcRuntime runtime;
    private Publisher publisher;
    private FramePool pool;
    private I420Frame frame;

    @Setup
    public void setUp() {
        runtime = WebRtcRuntime.start();
        publisher = new Publisher(runtime, new PublisherSettings(AudioFormat.mono(16_000), 1_000_000, Duration.ofSeconds(5)),
                "bench", state -> { });
        pool = new FramePool(720, 480, 1);
        frame = pool.acquire();
    }

    @Benchmark
    public void pushFrame() {
        frame.setTimestampUs(System.nanoTime() / 1_000);
        publisher.pushVideo(frame);
    }

    @TearDown
    public void tearDown() {
        frame.release();
        publisher.close();
        runtime.close();
    }
}
