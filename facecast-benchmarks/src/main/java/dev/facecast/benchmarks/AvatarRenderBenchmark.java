package dev.facecast.benchmarks;

import dev.facecast.avatar.AvatarRenderer;
import dev.facecast.avatar.EyeState;
import dev.facecast.avatar.FacePose;
import dev.facecast.avatar.SpriteSheet;
import dev.facecast.avatar.Viseme;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
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

import java.util.concurrent.TimeUnit;

/** One 720x480 avatar frame: pooled frame, base copy, eye and mouth patches. Score: µs per frame. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AvatarRenderBenchmark {

    private AvatarRenderer renderer;
    private FramePool pool;
    private FacePose[] poses;
    private int next;

    @Setup
    public void setUp() {
        renderer = new AvatarRenderer(SpriteSheet.forSize(720, 480));
        pool = new FramePool(720, 480, 2);
        Viseme[] visemes = Viseme.values();
        poses = new FacePose[visemes.length * 3];
        for (int i = 0; i < poses.length; i++) {
            poses[i] = new FacePose(visemes[i % visemes.length], EyeState.values()[i % 3], i % 5);
        }
    }

    @Benchmark
    public int speakingFrame() {
        I420Frame frame = pool.acquire();
        try {
            renderer.render(poses[next++ % poses.length], frame);
            return frame.data()[0];
        } finally {
            frame.release();
        }
    }

    @Benchmark
    public int idleFrame() {
        I420Frame frame = pool.acquire();
        try {
            renderer.render(new FacePose(Viseme.REST, EyeState.OPEN, 2), frame);
            return frame.data()[0];
        } finally {
            frame.release();
        }
    }

    @TearDown
    public void checkNoLeak() {
        if (pool.outstanding() != 0) {
            throw new IllegalStateException(pool.outstanding() + " frames leaked");
        }
    }
}
