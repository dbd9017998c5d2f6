package dev.facecast.testsupport;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.media.clock.Await;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads the process's counts of what a test could leak before each test and, after it, waits
 * until none is above what it was; fails naming each count that stays above. Counts:
 * {@code facecastThreads} (every thread Facecast made that still runs, virtual ones included)
 * and, where facecast-webrtc is on the class path, {@code nativeFramesOutstanding}. The
 * same names as in the server's {@code /v1/runtime}.
 *
 * <p>A count may end below its baseline: a thread started before the test (a server's
 * warm-up) may end during it.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {

    /** How long a test's threads and frames may take to go after it; closing is asynchronous in places. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheck.class);
    private static final Map<String, LongSupplier> COUNTS = counts();

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(context.getUniqueId(), read(COUNTS));
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Map<String, Long> baseline = context.getStore(NAMESPACE).remove(context.getUniqueId(), Map.class);
        try {
            awaitBaseline(COUNTS, baseline, SETTLE);
        } catch (AssertionError leak) {
            throw new AssertionError(leak.getMessage() + "; threads: " + dumpThreads(context), leak);
        }
    }

    /** Every thread, virtual ones included, into target/ as JSON: which one stayed. Returns where. */
    private static String dumpThreads(ExtensionContext context) {
        Path dump = Path.of("target", "leak-" + context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName() + "-" + System.nanoTime() + ".json").toAbsolutePath();
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return dump.toString();
        } catch (IOException | RuntimeException e) {
            return "not dumped (" + e + ")";
        }
    }

    /** Waits until no count is above {@code baseline}; fails naming those that stay above after {@code settle}. */
    static void awaitBaseline(Map<String, LongSupplier> counts, Map<String, Long> baseline, Duration settle)
            throws InterruptedException {
        if (Await.within(settle, Await.POLL, () -> leaked(read(counts), baseline).isEmpty())) {
            return;
        }
        throw new AssertionError("leaked " + leaked(read(counts), baseline) + " " + settle.toSeconds()
                + " s after the test; before it: " + baseline);
    }

    static Map<String, Long> read(Map<String, LongSupplier> counts) {
        Map<String, Long> now = new LinkedHashMap<>();
        counts.forEach((name, count) -> now.put(name, count.getAsLong()));
        return now;
    }

    private static Map<String, Long> leaked(Map<String, Long> now, Map<String, Long> baseline) {
        Map<String, Long> above = new LinkedHashMap<>();
        now.forEach((name, count) -> {
            if (count > baseline.get(name)) {
                above.put(name, count);
            }
        });
        return above;
    }

    private static Map<String, LongSupplier> counts() {
        Map<String, LongSupplier> counts = new LinkedHashMap<>();
        counts.put("facecastThreads", MediaThreads::liveThreads);
        LongSupplier nativeFrames = nativeFramesOutstanding();
        if (nativeFrames != null) {
            counts.put("nativeFramesOutstanding", nativeFrames);
        }
        return counts;
    }

    /**
     * {@code NativeFrames.outstanding()}, looked up by name: facecast-webrtc's own tests
     * use this module, so it cannot depend on facecast-webrtc. Null where that module is not on
     * the class path (no frames can leak there); an error where it is but the count is gone.
     */
    private static LongSupplier nativeFramesOutstanding() {
        Class<?> nativeFrames;
        try {
            nativeFrames = Class.forName("dev.facecast.webrtc.NativeFrames", false, LeakCheck.class.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return null;
        }
        MethodHandle count;
        try {
            count = MethodHandles.publicLookup().findStatic(nativeFrames, "outstanding", MethodType.methodType(long.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the leak check reads NativeFrames.outstanding(), which is gone", e);
        }
        return () -> {
            try {
                return (long) count.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
