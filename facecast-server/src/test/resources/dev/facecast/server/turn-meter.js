// Turn meter, injected into the demo page by ConversationLatencyEndToEndTest: a scripted
// microphone and a level meter on the agent's sound, both in one AudioContext.
// The page's getUserMedia is replaced by a stream this meter plays the user's utterances into,
// each at a context time it chooses, so the end of the user's speech is known to the sample;
// the received sound's rises and falls are timed by the page's own level worklet
// (/sync-meter-worklet.js) in the same context. Every latency is then a difference of one
// clock, both ends taken where audio enters and leaves the page's graph. The worklet rises at
// a 128-sample block of RMS 0.1 (-20 dBFS): a word that starts softly counts from its first loud
// block, a few tens of ms in.
'use strict';
(function () {
  window.facecastTurns = {
    context: null,
    microphone: null,
    utterances: [],
    /** {on, atS}: each rise and fall of the agent's sound, at its 128-sample block's context time. */
    levels: [],

    /** Replaces getUserMedia, before the page asks for a microphone; returns how late the context's output is heard. */
    async install() {
      const context = this.context = new AudioContext();
      await context.audioWorklet.addModule('/sync-meter-worklet.js');
      if (context.state !== 'running') await context.resume();
      const microphone = this.microphone = context.createMediaStreamDestination();
      microphone.channelCount = 1;
      navigator.mediaDevices.getUserMedia = async () => microphone.stream;
      return { outputLatencyMs: 1000 * (context.baseLatency + (context.outputLatency || 0)) };
    },

    /** Starts timing the rises and falls of `stream`'s audio (the session's, as the page plays it). */
    listen(stream) {
      const context = this.context;
      const source = context.createMediaStreamSource(new MediaStream(stream.getAudioTracks()));
      const level = new AudioWorkletNode(context, 'facecast-level');
      level.port.onmessage = (message) => this.levels.push({ on: message.data.on, atS: message.data.contextTime });
      source.connect(level);
      level.connect(context.destination); // pulled only when connected; it outputs silence
    },

    /** Keeps an utterance (16-bit little-endian mono PCM, base64) for play(); returns its number. */
    load(base64, sampleRateHz) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const pcm = new Int16Array(bytes.buffer);
      const buffer = new AudioBuffer({ length: pcm.length, sampleRate: sampleRateHz, numberOfChannels: 1 });
      const samples = buffer.getChannelData(0);
      for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i] / 32768;
      return this.utterances.push(buffer) - 1;
    },

    /** Plays utterance `index` into the microphone `leadS` from now; returns the context time it starts at. */
    play(index, leadS) {
      const startS = this.context.currentTime + leadS;
      const source = new AudioBufferSourceNode(this.context, { buffer: this.utterances[index] });
      source.connect(this.microphone);
      source.start(startS);
      return startS;
    },

    nowS() {
      return this.context.currentTime;
    },

    /** Seconds since the agent's sound last fell; 0 while it sounds. */
    quietS() {
      const last = this.levels[this.levels.length - 1];
      if (!last) return this.context.currentTime;
      return last.on ? 0 : this.context.currentTime - last.atS;
    },

    /** The first rise of the agent's sound at or after `afterS`; null when none came. */
    firstRiseAfter(afterS) {
      const rise = this.levels.find((level) => level.on && level.atS >= afterS);
      return rise ? rise.atS : null;
    },

    /**
     * The first silence of `minimumS` or more that ends after `afterS` (words have shorter
     * gaps between them): {startS, endS}, endS null while it lasts; null when none did.
     */
    silenceAfter(afterS, minimumS) {
      const now = this.context.currentTime;
      for (let i = 0; i < this.levels.length; i++) {
        const fall = this.levels[i];
        if (fall.on) continue;
        const rise = this.levels[i + 1];
        const endS = rise ? rise.atS : null;
        if ((endS === null ? now : endS) - fall.atS >= minimumS && (endS === null || endS > afterS)) {
          return { startS: fall.atS, endS };
        }
      }
      return null;
    },
  };
})();
