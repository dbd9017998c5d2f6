// Audio side of the sync meter: reports each rise and fall of the received sound's level, at the
// context time of the 128-sample block where it happened (about 3 ms at 48 kHz).
'use strict';
const ON_RMS = 0.1;   // a tone burst at -6 dBFS has an RMS of about 0.35 after Opus
const OFF_RMS = 0.03; // hysteresis, so a burst's decay does not count twice

class FacecastLevel extends AudioWorkletProcessor {
  constructor() {
    super();
    this.on = false;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) {
      let sum = 0;
      for (let i = 0; i < channel.length; i++) sum += channel[i] * channel[i];
      const rms = Math.sqrt(sum / channel.length);
      if (!this.on && rms >= ON_RMS) {
        this.on = true;
        this.port.postMessage({ on: true, contextTime: currentTime });
      } else if (this.on && rms < OFF_RMS) {
        this.on = false;
        this.port.postMessage({ on: false, contextTime: currentTime });
      }
    }
    return true;
  }
}

registerProcessor('facecast-level', FacecastLevel);
