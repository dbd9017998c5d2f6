// Facecast sync meter: A/V skew measured at this receiver, from what it decodes and plays.
// Start a session with {"syncMark": true} and ask it for tone bursts (POST .../sync-probe): the
// avatar then shows a white square in the top-left corner while its sound is loud, and beside it
// a grey square whose luma carries how many ms before the frame's time the white began. This
// meter times each white square's appearance (requestVideoFrameCallback: when the frame is
// displayed) against each burst's onset in the received audio (an AudioWorklet: when it is
// played), both on the page's performance clock. Skew = picture time - sound time: positive when
// the picture is late.
//
// When the sound is heard: the page plays the track through its media element, on WebRTC's own
// audio path, while the meter listens through WebAudio, which adds its own latency (about 40 ms
// in headless Chromium). So the meter takes the time WebAudio rendered the onset and adds the
// element path's delay from the track to the device (the media-playout statistics, about 30 ms).
// What remains on the sound's side is the hand-over from the track to WebAudio, a few ms.
//
// Where the picture shows an onset: a frame is on screen from its display to the next frame's,
// and stands for its own time at the middle of that (a held picture is centred on the sound it
// shows; a sender that stamps frames at capture lags by half a frame on average, as it does for
// speech). The onset fell the grey square's lead before the frame's time, so it is seen at that
// middle less the lead. Without the lead an onset reads anywhere within a frame interval late,
// wherever it happened to fall between frames (±33 ms at 15 fps), which buries the skew itself.
'use strict';
(function () {
  const PAIR_WINDOW_MS = 400;

  function percentile(sorted, p) {
    if (sorted.length === 0) return null;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p / 100) - 1))];
  }

  /** Mean luma (0..255, as the page sees it) of the 4x8 pixels from column {@code left} of the meter's canvas. */
  function meanLuma(g, left) {
    const pixels = g.getImageData(left, 0, 4, 8).data;
    let luma = 0;
    for (let i = 0; i < pixels.length; i += 4) luma += 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
    return luma / 32;
  }

  /** The grey square's lead in ms: video luma 16 + ms, which the page sees stretched from 16..235 to 0..255. */
  function leadMs(pageLuma) {
    return pageLuma * 219 / 255;
  }

  window.facecastSync = {
    state: null,

    /** Starts watching `video` (showing the session) and listening to `stream`'s audio, received on `pc`. */
    async start(video, stream, pc) {
      const state = this.state = { videoOnsets: [], audioOnsets: [], frames: 0, running: true, playoutDelayMs: 0 };
      const canvas = document.createElement('canvas');
      canvas.width = 16;
      canvas.height = 8;
      const g = canvas.getContext('2d', { willReadFrequently: true });
      let markOn = false;
      let pending = null; // an onset's frame, waiting for the next frame to end its time on screen
      const onFrame = (now, metadata) => {
        if (!state.running) return;
        state.frames++;
        const shownAt = metadata.expectedDisplayTime;
        if (pending) {
          state.videoOnsets.push((pending.shownAt + shownAt) / 2 - pending.leadMs);
          pending = null;
        }
        // The insides of the two 32-pixel squares, away from their edges, which the encoder blurs.
        g.drawImage(video, 6, 6, 52, 20, 0, 0, 16, 8);
        const on = meanLuma(g, 0) > 128;
        if (on && !markOn) pending = { shownAt, leadMs: leadMs(meanLuma(g, 12)) };
        markOn = on;
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);

      // One audio context for the page's life: each new one buffers differently, and skews
      // measured through different contexts would differ by that too.
      if (!this.context) {
        this.context = new AudioContext();
        await this.context.audioWorklet.addModule('/sync-meter-worklet.js');
      }
      const context = this.context;
      const source = state.source = context.createMediaStreamSource(new MediaStream(stream.getAudioTracks()));
      const level = state.level = new AudioWorkletNode(context, 'facecast-level');
      level.port.onmessage = (message) => {
        if (!message.data.on) return;
        const stamp = context.getOutputTimestamp();
        // Context time to the page's clock, through the time the output is playing now, less
        // WebAudio's way from rendering to the device: when WebAudio rendered the onset.
        const outputAt = stamp.performanceTime + (message.data.contextTime - stamp.contextTime) * 1000;
        state.audioOnsets.push(outputAt - (context.baseLatency + (context.outputLatency || 0)) * 1000);
      };
      source.connect(level);
      level.connect(context.destination); // pulled only when connected; it outputs silence
      if (context.state !== 'running') await context.resume();
      this.watchDelays(pc);
    },

    /**
     * Samples what the receiver does with both streams every 300 ms: per interval, the mean
     * target delay of each jitter buffer (for video it includes the delay A/V sync adds) and
     * the audio stretched or squeezed; read state.delays to see why a skew moves. Keeps
     * state.playoutDelayMs, the audio's mean delay from the track to the device, and
     * state.audioStretchedMs, how much audio the receiver stretched or squeezed since the last
     * reset: a receiver that plays its audio at its own pace stretches next to none.
     */
    watchDelays(pc) {
      const state = this.state;
      state.delays = [];
      state.audioStretchedMs = 0;
      let last = null;
      const sample = async () => {
        if (!state.running) return;
        const now = { t: performance.now() };
        (await pc.getStats()).forEach((s) => {
          if (s.type === 'media-playout' && s.totalSamplesCount > 0) {
            state.playoutDelayMs = 1000 * s.totalPlayoutDelay / s.totalSamplesCount;
          }
          if (s.type !== 'inbound-rtp') return;
          now[s.kind] = { target: s.jitterBufferTargetDelay, minimum: s.jitterBufferMinimumDelay,
            emitted: s.jitterBufferEmittedCount, accelerated: s.removedSamplesForAcceleration || 0,
            decelerated: s.insertedSamplesForDeceleration || 0 };
        });
        if (last && now.video && now.audio) {
          const per = (kind, key) => 1000 * (now[kind][key] - last[kind][key]) / Math.max(1, now[kind].emitted - last[kind].emitted);
          const stretchedMs = 1000 * ((now.audio.decelerated - last.audio.decelerated)
              - (now.audio.accelerated - last.audio.accelerated)) / 48000;
          state.audioStretchedMs += Math.abs(stretchedMs);
          state.delays.push({ t: Math.round(now.t), videoTargetMs: Math.round(per('video', 'target')),
            videoMinimumMs: Math.round(per('video', 'minimum')), audioTargetMs: Math.round(per('audio', 'target')),
            audioStretchMs: Math.round(stretchedMs) });
        }
        last = now;
        setTimeout(sample, 300);
      };
      sample();
    },

    /** Forgets the onsets so far, to measure the next run on its own. */
    reset() {
      this.state.videoOnsets = [];
      this.state.audioOnsets = [];
      this.state.audioStretchedMs = 0;
    },

    /** Each sound onset paired with the nearest picture onset: skews in ms, and their spread. */
    result() {
      const state = this.state;
      const skews = [];
      for (const rendered of state.audioOnsets) {
        const heard = rendered + state.playoutDelayMs;
        let best = null;
        for (const seen of state.videoOnsets) {
          if (Math.abs(seen - heard) <= PAIR_WINDOW_MS && (best === null || Math.abs(seen - heard) < Math.abs(best))) {
            best = seen - heard;
          }
        }
        if (best !== null) skews.push(best);
      }
      const magnitudes = skews.map(Math.abs).sort((a, b) => a - b);
      const sorted = [...skews].sort((a, b) => a - b);
      return {
        skewsMs: skews, count: skews.length, frames: state.frames, playoutDelayMs: state.playoutDelayMs,
        audioStretchedMs: Math.round(state.audioStretchedMs || 0),
        audioOnsets: state.audioOnsets.length, videoOnsets: state.videoOnsets.length,
        p50Ms: percentile(sorted, 50), absP95Ms: percentile(magnitudes, 95),
      };
    },

    stop() {
      if (!this.state) return;
      this.state.running = false;
      this.state.source.disconnect();
      this.state.level.disconnect();
    },
  };
})();
