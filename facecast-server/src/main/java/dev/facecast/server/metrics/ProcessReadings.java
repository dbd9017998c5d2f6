package dev.facecast.server.metrics;

import dev.facecast.media.clock.NanoClock;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * What the resource sampler reads of the process, injectable so tests of the sampler need
 * neither /proc nor the system clock.
 *
 * @param clock      when a sample is taken
 * @param cpuSeconds CPU time of the whole process so far, libwebrtc's threads included
 * @param threads    the process's threads with their CPU time so far
 */
record ProcessReadings(NanoClock clock, DoubleSupplier cpuSeconds, Supplier<List<ProcTasks.Task>> threads) {

    static final ProcessReadings SYSTEM = new ProcessReadings(NanoClock.SYSTEM, ResourceSampler::processCpuSeconds, ProcTasks::read);
}
