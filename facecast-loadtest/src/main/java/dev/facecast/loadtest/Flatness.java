package dev.facecast.loadtest;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Whether a soak's resources stayed flat: the mean of the last third of the samples against
 * the mean of the middle third. The first third is left out, since it holds the warm-up (the
 * JIT, pools and thread caches filling), which is growth but not a leak.
 */
final class Flatness {

    /** RSS may grow this much, relative: the heap and glibc's arenas breathe. */
    static final double RSS_GROWTH_ALLOWED = 0.10;
    /** Threads may grow this much, absolute: a pooled thread or two parked at a sampling moment. */
    static final double THREADS_GROWTH_ALLOWED = 2;
    /** Fewer samples than this leave no middle and last third to compare. */
    static final int MIN_SAMPLES = 3;

    /**
     * One resource's comparison.
     *
     * @param middleMean     mean over the middle third of the samples
     * @param lastMean       mean over the last third
     * @param growth         last less middle: relative for RSS, absolute for threads
     * @param growthAllowed  the most growth still called flat
     */
    record Metric(String name, double middleMean, double lastMean, double growth, double growthAllowed) {
        boolean flat() {
            return growth <= growthAllowed;
        }
    }

    /**
     * @param judged false when there were too few samples to say (then nothing is flat)
     */
    record Verdict(boolean judged, int samples, Metric rss, Metric osThreads, Metric facecastThreads) {
        boolean flat() {
            return judged && rss.flat() && osThreads.flat() && facecastThreads.flat();
        }

        List<Metric> metrics() {
            return List.of(rss, osThreads, facecastThreads);
        }
    }

    private Flatness() {
    }

    static Verdict of(List<RuntimeSample> samples) {
        int n = samples.size();
        if (n < MIN_SAMPLES) {
            Metric none = new Metric("none", 0, 0, 0, 0);
            return new Verdict(false, n, none, none, none);
        }
        List<RuntimeSample> middle = samples.subList(n / 3, 2 * n / 3);
        List<RuntimeSample> last = samples.subList(2 * n / 3, n);
        double rssMiddle = mean(middle, RuntimeSample::rssBytes);
        double rssLast = mean(last, RuntimeSample::rssBytes);
        return new Verdict(true, n,
                new Metric("rss", rssMiddle, rssLast, rssMiddle == 0 ? 0 : (rssLast - rssMiddle) / rssMiddle, RSS_GROWTH_ALLOWED),
                absolute("osThreads", middle, last, RuntimeSample::osThreads),
                absolute("facecastThreads", middle, last, RuntimeSample::facecastThreads));
    }

    private static Metric absolute(String name, List<RuntimeSample> middle, List<RuntimeSample> last,
                                   ToDoubleFunction<RuntimeSample> value) {
        double middleMean = mean(middle, value);
        double lastMean = mean(last, value);
        return new Metric(name, middleMean, lastMean, lastMean - middleMean, THREADS_GROWTH_ALLOWED);
    }

    private static double mean(List<RuntimeSample> samples, ToDoubleFunction<RuntimeSample> value) {
        return samples.stream().mapToDouble(value).average().orElse(0);
    }
}
