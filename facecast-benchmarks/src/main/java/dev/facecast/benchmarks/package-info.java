/**
 * JMH benchmarks of the hot-path stages: the resampler, the avatar renderer, the hand-off
 * of a frame to libwebrtc, and VP8 encoding through libvpx. Run with {@code ./facecast bench}.
 */
package dev.facecast.benchmarks;
