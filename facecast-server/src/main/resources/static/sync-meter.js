// Facecast sync meter: A/V skew measured at this receiver, from what it decodes and plays.
// Start a session with {"syncMark": true} and ask it for tone bursts (POST .../sync-probe): the
// avatar then shows a white square in the top-left corner while its sound is loud. This meter
// times each square's appearance (requestVideoFrameCallback: when the frame is displayed)
// against each burst's onset in the received audio (an AudioWorklet: when it is played), both
// on the page's performance clock. Skew = picture time - sound time: positive when the
// picture is late. The audio tap adds WebAudio's own buffering, a few ms, to the sound's side.
'use strict';
(function () {
  const PAIR_WINDOW_MS = 400;

  function percentile(sorted, p) {
    if (sorted.length === 0) return null;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p / 100) - 1))];
  }

  window.facecastSync = {
    state: null,

    /** Starts watching `video` (showing the session) and listening to `stream`'s audio. */
    async start(video, stream) {
      const state = this.state = { videoOnsets: [], audioOnsets: [], frames: 0, running: true };
      const canvas = document.createElement('canvas');
      canvas.width = 8;
      canvas.height = 8;
      const g = canvas.getContext('2d', { willReadFrequently: true });
      let markOn = false;
      const onFrame = (now, metadata) => {
        if (!state.running) return;
        state.frames++;
        // The inside of the 32-pixel mark, away from its edges, which the encoder blurs.
        g.drawImage(video, 6, 6, 20, 20, 0, 0, 8, 8);
        const pixels = g.getImageData(0, 0, 8, 8).data;
        let luma = 0;
        for (let i = 0; i < pixels.length; i += 4) luma += 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
        const on = luma / 64 > 128;
        if (on && !markOn) state.videoOnsets.push(metadata.expectedDisplayTime);
        markOn = on;
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);

      const context = state.context = new AudioContext();
      await context.audioWorklet.addModule('/sync-meter-worklet.js');
      const source = context.createMediaStreamSource(new MediaStream(stream.getAudioTracks()));
      const level = new AudioWorkletNode(context, 'facecast-level');
      level.port.onmessage = (message) => {
        if (!message.data.on) return;
        const stamp = context.getOutputTimestamp();
        // Context time to the page's clock, through the time the output is playing now.
        state.audioOnsets.push(stamp.performanceTime + (message.data.contextTime - stamp.contextTime) * 1000);
      };
      source.connect(level);
      level.connect(context.destination); // pulled only when connected; it outputs silence
      if (context.state !== 'running') await context.resume();
    },

    /** Each sound onset paired with the nearest picture onset: skews in ms, and their spread. */
    result() {
      const state = this.state;
      const skews = [];
      for (const heard of state.audioOnsets) {
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
        skewsMs: skews, count: skews.length, frames: state.frames,
        audioOnsets: state.audioOnsets.length, videoOnsets: state.videoOnsets.length,
        p50Ms: percentile(sorted, 50), absP95Ms: percentile(magnitudes, 95),
      };
    },

    stop() {
      if (!this.state) return;
      this.state.running = false;
      this.state.context.close();
    },
  };
})();
