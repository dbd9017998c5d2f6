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
        // Context time to the page's clock, through the time the output is playing now.
        state.audioOnsets.push(stamp.performanceTime + (message.data.contextTime - stamp.contextTime) * 1000);
      };
      source.connect(level);
      level.connect(context.destination); // pulled only when connected; it outputs silence
      if (context.state !== 'running') await context.resume();
    },

    /**
     * Samples what the receiver does with both streams every 300 ms: per interval, the mean
     * target delay of each jitter buffer (for video it includes the delay A/V sync adds) and
     * the audio stretched or squeezed. Read state.delays to see why a skew moves.
     */
    watchDelays(pc) {
      const state = this.state;
      state.delays = [];
      let last = null;
      const sample = async () => {
        if (!state.running) return;
        const now = { t: performance.now() };
        (await pc.getStats()).forEach((s) => {
          if (s.type !== 'inbound-rtp') return;
          now[s.kind] = { target: s.jitterBufferTargetDelay, minimum: s.jitterBufferMinimumDelay,
            emitted: s.jitterBufferEmittedCount, accelerated: s.removedSamplesForAcceleration || 0,
            decelerated: s.insertedSamplesForDeceleration || 0 };
        });
        if (last && now.video && now.audio) {
          const per = (kind, key) => 1000 * (now[kind][key] - last[kind][key]) / Math.max(1, now[kind].emitted - last[kind].emitted);
          state.delays.push({ t: Math.round(now.t), videoTargetMs: Math.round(per('video', 'target')),
            videoMinimumMs: Math.round(per('video', 'minimum')), audioTargetMs: Math.round(per('audio', 'target')),
            audioStretchMs: Math.round(1000 * ((now.audio.decelerated - last.audio.decelerated)
              - (now.audio.accelerated - last.audio.accelerated)) / 48000) });
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

    /**
     * The same meter on Chromium's own sender: a canvas with the mark and an oscillator with the
     * bursts, switched together by one audio clock, sent through a peer connection inside this
     * page and received like a session. Its skew is what this browser does to itself, the meter's
     * own bias included: a session's skew is read against it. With markDelayMs the mark is drawn
     * that much late on purpose, to check that the meter sees it. Resolves to result().
     */
    async reference(count, periodMs, burstMs, markDelayMs = 0) {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const g = canvas.getContext('2d');
      const audio = this.generator || (this.generator = new AudioContext()); // one for the page, as above
      await audio.resume();
      const oscillator = audio.createOscillator();
      oscillator.frequency.value = 1000;
      const gain = audio.createGain();
      gain.gain.value = 0;
      const destination = audio.createMediaStreamDestination();
      oscillator.connect(gain).connect(destination);
      oscillator.start();
      const stopGenerator = () => { oscillator.stop(); gain.disconnect(); };
      const source = canvas.captureStream(30);
      const sender = new RTCPeerConnection();
      const receiver = new RTCPeerConnection();
      sender.onicecandidate = (e) => e.candidate && receiver.addIceCandidate(e.candidate);
      receiver.onicecandidate = (e) => e.candidate && sender.addIceCandidate(e.candidate);
      const received = new MediaStream();
      const video = document.createElement('video');
      video.muted = false;
      video.autoplay = true;
      receiver.ontrack = (e) => { received.addTrack(e.track); video.srcObject = received; };
      sender.addTrack(source.getVideoTracks()[0], source);
      sender.addTrack(destination.stream.getAudioTracks()[0], source);
      await sender.setLocalDescription(await sender.createOffer());
      await receiver.setRemoteDescription(sender.localDescription);
      await receiver.setLocalDescription(await receiver.createAnswer());
      await sender.setRemoteDescription(receiver.localDescription);
      let startAt = Infinity;
      const draw = () => {
        const elapsedMs = (audio.currentTime - startAt) * 1000 - markDelayMs;
        const burst = Math.floor(elapsedMs / periodMs);
        const on = elapsedMs >= 0 && burst < count && elapsedMs - burst * periodMs < burstMs;
        g.fillStyle = '#808080';
        g.fillRect(0, 0, 320, 240);
        g.fillStyle = on ? '#ffffff' : '#000000';
        g.fillRect(0, 0, 32, 32);
        if (burst <= count || elapsedMs < 0) setTimeout(draw, 2);
      };
      draw();
      await new Promise((resolve) => setTimeout(resolve, 2500)); // connected, first key frame, first sender reports
      await video.play().catch(() => { /* plays once media arrives */ });
      await this.start(video, received);
      startAt = audio.currentTime + 0.2;
      for (let i = 0; i < count; i++) {
        gain.gain.setValueAtTime(0.5, startAt + i * periodMs / 1000);
        gain.gain.setValueAtTime(0, startAt + (i * periodMs + burstMs) / 1000);
      }
      await new Promise((resolve) => setTimeout(resolve, 200 + count * periodMs + 800));
      const result = this.result();
      this.stop();
      sender.close();
      receiver.close();
      stopGenerator();
      return result;
    },

    stop() {
      if (!this.state) return;
      this.state.running = false;
      this.state.source.disconnect();
      this.state.level.disconnect();
    },
  };
})();
