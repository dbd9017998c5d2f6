// Facecast demo page: creates a session, receives it over WebRTC (WHEP), and drives it.
// window.facecast exposes the live state for tests and for poking at in the console.
'use strict';

const $ = (id) => document.getElementById(id);
const facecast = window.facecast = { sessionId: null, pc: null, decodedFps: 0, whepToFirstFrameMs: null, timings: {},
  events: null, mic: null, transcript: [], agentState: 'listening', closedReason: null, reconnects: 0 };

async function api(method, path, body, contentType = 'application/json') {
  const headers = body === undefined ? {} : { 'Content-Type': contentType };
  // A session's token, when the page was given one (?session=…&token=…): the only credential a browser holds.
  if (facecast.token) headers.Authorization = `Bearer ${facecast.token}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : (contentType === 'application/json' ? JSON.stringify(body) : body),
  });
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error; } catch (ignored) { /* not JSON */ }
    throw new Error(`${method} ${path}: ${response.status} ${message}`);
  }
  return response;
}

function iceGatheringComplete(pc, timeoutMs) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { if (pc.iceGatheringState === 'complete') resolve(); };
    pc.addEventListener('icegatheringstatechange', done);
    setTimeout(resolve, timeoutMs); // host candidates are enough on a LAN
  });
}

async function start() {
  showError('');
  facecast.closedReason = null;
  facecast.whepToFirstFrameMs = null;
  facecast.timings = {};
  $('start').disabled = true;
  setState('Creating a session…');
  const params = new URLSearchParams(location.search);
  const settings = { fps: Number(params.get('fps') || $('fps').value) };
  if (params.get('width')) settings.width = Number(params.get('width'));
  if (params.get('height')) settings.height = Number(params.get('height'));
  if (params.get('idleFps')) settings.idleFps = Number(params.get('idleFps'));
  // ?syncMark=1 (and syncMarkDelayMs): a mark for window.facecastSync to time against tone bursts.
  if (params.get('syncMark')) settings.syncMark = true;
  if (params.get('syncMarkDelayMs')) settings.syncMarkDelayMs = Number(params.get('syncMarkDelayMs'));
  // With API keys on the server, an application backend creates the session with its key and
  // hands the page the id and the session's token; without keys (the local demo) the page creates it.
  const created = params.get('session') && params.get('token')
    ? { id: params.get('session'), token: params.get('token'), fps: settings.fps }
    : await (await api('POST', '/v1/sessions', settings)).json();
  facecast.sessionId = created.id;
  facecast.token = created.token;
  $('fps').value = created.fps;

  listenForEvents(created.id);

  const pc = facecast.pc = new RTCPeerConnection();
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  const stream = facecast.stream = new MediaStream();
  pc.ontrack = (event) => {
    stream.addTrack(event.track);
    $('avatar').srcObject = stream;
  };
  pc.onconnectionstatechange = () => {
    setState(`Connection: ${pc.connectionState}`);
    facecast.timings[pc.connectionState] = performance.now();
  };
  await pc.setLocalDescription(await pc.createOffer());
  await iceGatheringComplete(pc, 2000);
  setState('Connecting…');
  const whepPostedAt = performance.now();
  facecast.timings.whepPosted = whepPostedAt;
  $('avatar').requestVideoFrameCallback(() => {
    facecast.timings.firstFrame = performance.now();
    facecast.whepToFirstFrameMs = performance.now() - whepPostedAt;
  });
  const answer = await (await api('POST', `/v1/sessions/${created.id}/whep`, pc.localDescription.sdp, 'application/sdp')).text();
  facecast.timings.answered = performance.now();
  await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  await $('avatar').play().catch(() => { /* plays once media arrives */ });
  $('overlay').classList.add('hidden');
  for (const id of ['say-text', 'say', 'send', 'mic', 'fps', 'apply-fps', 'stop']) $(id).disabled = false;
  facecast.transcript = [];
  $('transcript').replaceChildren();
  pollStats();
}

// Live events (turns, the agent's state) come as server-sent events, whichever engine carries the
// media. Read with fetch rather than EventSource, which cannot send the session's token.
async function listenForEvents(sessionId) {
  const events = facecast.events = { state: 'connecting', abort: new AbortController() };
  try {
    const headers = { Accept: 'text/event-stream' };
    if (facecast.token) headers.Authorization = `Bearer ${facecast.token}`;
    const response = await fetch(`/v1/sessions/${sessionId}/events`, { headers, signal: events.abort.signal });
    if (!response.ok) throw new Error(`events: ${response.status}`);
    events.state = 'open';
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      pending += value;
      let end;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        const block = pending.slice(0, end);
        pending = pending.slice(end + 2);
        const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
        if (data) onEvent(JSON.parse(data));
      }
    }
    events.state = 'closed';
  } catch (error) {
    events.state = error.name === 'AbortError' ? 'closed' : 'failed';
  }
  // The server ends a session's stream with a 'closed' event; one that ends without it (or fails)
  // lost its server: a crashed process its supervisor restarts, or a worker that died.
  if (facecast.events === events && !events.abort.signal.aborted && !facecast.closedReason) reconnect();
}

// A new session once the server answers again: only for a session this page made itself (one
// handed over by an application backend, ?session=&token=, is the backend's to replace).
async function reconnect() {
  if (new URLSearchParams(location.search).get('session')) {
    setState('The session ended: the server went away');
    return;
  }
  teardown();
  for (let attempt = 1, delayMs = 500; ; attempt++, delayMs = Math.min(delayMs * 2, 5000)) {
    setState(`Reconnecting (attempt ${attempt})…`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    try {
      await start();
      facecast.reconnects++;
      facecast.timings.reconnected = performance.now();
      return;
    } catch (error) { teardown(); }
  }
}

function onEvent(event) {
  if (event.type === 'turn') {
    facecast.transcript.push(event);
    const item = document.createElement('li');
    item.className = event.role + (event.interrupted ? ' interrupted' : '');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = event.role === 'user' ? 'You' : 'Agent';
    item.append(who, document.createTextNode(event.text));
    $('transcript').append(item);
    item.scrollIntoView({ block: 'nearest' });
  } else if (event.type === 'state') {
    facecast.agentState = event.state;
    $('agent-state').textContent = event.state;
    $('agent-state').className = 'agent-state ' + event.state;
  } else if (event.type === 'closed') {
    facecast.closedReason = event.reason;
    setState(`The session ended (${event.reason.replaceAll('_', ' ')})`);
  }
}

// The microphone goes up on its own send-only connection (WHIP), as SFUs do.
async function toggleMic() {
  if (facecast.mic) {
    stopMic();
    return;
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
  } catch (error) {
    showError(error.name === 'NotAllowedError'
      ? 'Microphone permission was denied: allow it in the address bar, or type instead.'
      : `No microphone: ${error.message}`);
    return;
  }
  const pc = new RTCPeerConnection();
  pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendonly', streams: [stream] });
  await pc.setLocalDescription(await pc.createOffer());
  await iceGatheringComplete(pc, 2000);
  try {
    const answer = await (await api('POST', `/v1/sessions/${facecast.sessionId}/whip`, pc.localDescription.sdp, 'application/sdp')).text();
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  } catch (error) {
    stream.getTracks().forEach((track) => track.stop());
    pc.close();
    showError(error.message);
    return;
  }
  facecast.mic = { pc, stream };
  $('mic').setAttribute('aria-pressed', 'true');
}

// Typed text is a user turn.
async function send(event) {
  event.preventDefault();
  const text = $('say-text').value.trim();
  if (!text || !facecast.sessionId) return;
  try {
    await api('POST', `/v1/sessions/${facecast.sessionId}/messages`, { text });
    $('say-text').value = '';
  } catch (error) { showError(error.message); }
}

async function say() {
  const text = $('say-text').value.trim();
  if (!text || !facecast.sessionId) return;
  try {
    await api('POST', `/v1/sessions/${facecast.sessionId}/say`, { text });
    $('say-text').value = '';
  } catch (error) { showError(error.message); }
}

async function applyFps(event) {
  event.preventDefault();
  try {
    await api('PATCH', `/v1/sessions/${facecast.sessionId}`, { fps: Number($('fps').value) });
  } catch (error) { showError(error.message); }
}

async function stop() {
  if (facecast.sessionId) await api('DELETE', `/v1/sessions/${facecast.sessionId}`).catch(() => {});
  teardown();
  $('start').disabled = false;
  setState('Stopped');
}

function stopMic() {
  if (!facecast.mic) return;
  facecast.mic.stream.getTracks().forEach((track) => track.stop());
  facecast.mic.pc.close();
  facecast.mic = null;
  $('mic').setAttribute('aria-pressed', 'false');
}

// Lets go of the session's connections and resets the controls, without asking the server.
function teardown() {
  stopMic();
  if (facecast.pc) facecast.pc.close();
  if (facecast.events) facecast.events.abort.abort();
  facecast.pc = null;
  facecast.sessionId = null;
  for (const id of ['say-text', 'say', 'send', 'mic', 'fps', 'apply-fps', 'stop']) $(id).disabled = true;
  $('overlay').classList.remove('hidden');
}

// Decoded frame rate and size from the receiver's own statistics, once a second.
async function pollStats() {
  let last = null;
  while (facecast.pc && facecast.pc.connectionState !== 'closed') {
    const report = await facecast.pc.getStats();
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        if (last) facecast.decodedFps = (s.framesDecoded - last.framesDecoded) / ((s.timestamp - last.timestamp) / 1000);
        last = s;
        $('stats').textContent = `${s.frameWidth || 0}×${s.frameHeight || 0} · ${facecast.decodedFps.toFixed(1)} fps decoded`;
      }
    });
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function setState(text) { $('state').textContent = text; }
function showError(text) { $('error').textContent = text; }

$('start').addEventListener('click', () => start().catch((error) => {
  showError(error.message);
  setState('Not connected');
  $('start').disabled = false;
}));
$('say-form').addEventListener('submit', send);
$('say').addEventListener('click', say);
$('mic').addEventListener('click', () => toggleMic().catch((error) => showError(error.message)));
$('fps-form').addEventListener('submit', applyFps);
$('stop').addEventListener('click', stop);

// Hang up when the page goes away, so the session ends now instead of when its peer times out.
window.addEventListener('pagehide', () => {
  if (!facecast.sessionId) return;
  const query = facecast.token ? `?token=${encodeURIComponent(facecast.token)}` : '';
  navigator.sendBeacon(`/v1/sessions/${facecast.sessionId}/close${query}`);
});
