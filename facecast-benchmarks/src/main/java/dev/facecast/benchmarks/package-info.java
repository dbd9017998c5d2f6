/**
 * JMH benchmarks of the hot-path stages: the resampler, the avatar renderer, and the hand-off
 * of a frame to libwebrtc. Run with {@code ./facecast bench}.
 */
package dev.facecast.benchmarks;
