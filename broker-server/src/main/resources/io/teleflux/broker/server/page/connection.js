// The operator's WebRTC link through the broker (protocol sections 3.2, 3.5, 3.7, 3.8):
// join (offer/answer) → connected → close _sctp_init → bridge-datachannel → the four negotiated channels →
// video_offer → answer → renegotiate-answer; then an op-heartbeat every 5 s until leave() or close().
// Events (EventTarget): 'phase' {detail: phase}, 'message' {detail: {channel, data}}, 'channel' {detail: {channel,
// state}}, 'track' {detail: MediaStream}, 'error' {detail: Error}, 'closed'.

export const CONNECT_TIMEOUT_MS = 20000;
export const CHANNEL_OPEN_TIMEOUT_MS = 10000;
export const SETUP_TIMEOUT_MS = 90000;
export const ICE_GATHER_CAP_MS = 10000;
export const ICE_SETTLE_MS = 400;
export const OP_HEARTBEAT_MS = 5000;

/** DataChannel options per channel name (section 3.5); the id comes from bridge-datachannel. */
export const CHANNELS = Object.freeze({
  cmd_unreliable: { idKey: 'cmd_channel_id', options: { ordered: false, maxRetransmits: 0 } },
  state_reliable: { idKey: 'state_channel_id', options: { ordered: true } },
  state_reliable_back: { idKey: 'state_back_channel_id', options: { ordered: true } },
  map_unreliable: { idKey: 'map_channel_id', options: { ordered: false, maxRetransmits: 0 } },
});

/** The error of a failed setup step; step names where it failed. */
export class LinkError extends Error {
  constructor(step, message, cause) {
    super(`${step}: ${message}`);
    this.name = 'LinkError';
    this.step = step;
    this.cause = cause;
  }
}

function withTimeout(promise, ms, step, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new LinkError(step, `${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves when gathering completes, or ICE_SETTLE_MS after the first srflx/relay candidate, capped. */
function gatherIce(pc) {
  return new Promise((resolve) => {
    let settle = null;
    const done = () => {
      clearTimeout(settle); clearTimeout(cap);
      pc.removeEventListener('icegatheringstatechange', onState);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onState = () => { if (pc.iceGatheringState === 'complete') done(); };
    const onCandidate = (e) => {
      if (!e.candidate) { done(); return; }
      if (!settle && /typ (srflx|relay)/.test(e.candidate.candidate)) settle = setTimeout(done, ICE_SETTLE_MS);
    };
    const cap = setTimeout(done, ICE_GATHER_CAP_MS);
    pc.addEventListener('icegatheringstatechange', onState);
    pc.addEventListener('icecandidate', onCandidate);
    onState();
  });
}

function waitConnected(pc) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = pc.connectionState;
      if (s === 'connected') { pc.removeEventListener('connectionstatechange', check); resolve(); }
      else if (s === 'failed' || s === 'closed') {
        pc.removeEventListener('connectionstatechange', check);
        reject(new LinkError('connect', `peer connection ${s}`));
      }
    };
    pc.addEventListener('connectionstatechange', check);
    check();
  });
}

function waitOpen(channel) {
  if (channel.readyState === 'open') return Promise.resolve();
  return new Promise((resolve, reject) => {
    channel.addEventListener('open', () => resolve(), { once: true });
    channel.addEventListener('close', () => reject(new LinkError('channels', `${channel.label} closed before opening`)), { once: true });
  });
}

export class OperatorLink extends EventTarget {
  /**
   * @param {import('./api.js').BrokerApi} api
   * @param {string} sessionId
   */
  constructor(api, sessionId) {
    super();
    this.api = api;
    this.sessionId = sessionId;
    this.pc = null;
    this.channels = {};
    this.phase = 'idle';
    this.videoStatus = null;
    this.heartbeatTimer = null;
    this.closed = false;
  }

  setPhase(phase) {
    this.phase = phase;
    this.dispatchEvent(new CustomEvent('phase', { detail: phase }));
  }

  fail(error) {
    this.dispatchEvent(new CustomEvent('error', { detail: error }));
  }

  /** Runs the whole setup; resolves when the channels are open and the video answer is posted. */
  join() {
    return withTimeout(this.setup(), SETUP_TIMEOUT_MS, 'setup', 'session setup').catch((e) => {
      this.close();
      throw e;
    });
  }

  async setup() {
    this.setPhase('ice-servers');
    let iceServers = [];
    try {
      const r = await this.api.iceServers();
      iceServers = Array.isArray(r && r.ice_servers) ? r.ice_servers : [];
    } catch (e) {
      if (e.unauthorized) throw e;
      // STUN/TURN are optional: fall back to host candidates, as the robot does
    }
    this.checkOpen();
    const pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle' });
    this.pc = pc;
    pc.addEventListener('track', (e) => this.onTrack(e));
    pc.addEventListener('connectionstatechange', () => this.onConnectionState());
    // a non-negotiated throwaway channel puts the SCTP m-line in the offer; closed once connected
    const init = pc.createDataChannel('_sctp_init');

    this.setPhase('offer');
    await pc.setLocalDescription(await pc.createOffer());
    await gatherIce(pc);
    this.checkOpen();
    this.setPhase('join');
    const joined = await this.api.join(this.sessionId, pc.localDescription.sdp);
    this.checkOpen();
    if (!joined || typeof joined.sdp_answer !== 'string') throw new LinkError('join', 'the broker sent no sdp_answer');
    await pc.setRemoteDescription({ type: 'answer', sdp: joined.sdp_answer });

    this.setPhase('connecting');
    await withTimeout(waitConnected(pc), CONNECT_TIMEOUT_MS, 'connect', 'ICE/DTLS connection');
    init.close();
    this.startHeartbeat();

    this.setPhase('bridge');
    const bridge = await this.api.bridge(this.sessionId);
    this.checkOpen();
    this.videoStatus = bridge && bridge.video_status || null;
    const opened = [];
    for (const [name, spec] of Object.entries(CHANNELS)) {
      const id = bridge && bridge[spec.idKey];
      if (!Number.isInteger(id)) throw new LinkError('bridge', `no ${spec.idKey} in the bridge response`);
      const ch = pc.createDataChannel(name, { negotiated: true, id, ...spec.options });
      ch.binaryType = 'arraybuffer';
      this.channels[name] = ch;
      const state = () => this.dispatchEvent(new CustomEvent('channel', { detail: { channel: name, state: ch.readyState } }));
      ch.addEventListener('open', state);
      ch.addEventListener('close', state);
      ch.addEventListener('error', (e) => this.fail(new LinkError('channel', `${name}: ${e.error ? e.error.message : 'error'}`)));
      ch.addEventListener('message', (e) => this.dispatchEvent(new CustomEvent('message', { detail: { channel: name, data: e.data } })));
      opened.push(waitOpen(ch));
    }
    await withTimeout(Promise.all(opened), CHANNEL_OPEN_TIMEOUT_MS, 'channels', 'DataChannel open');

    if (bridge.video_offer) {
      this.setPhase('video');
      await pc.setRemoteDescription({ type: 'offer', sdp: bridge.video_offer });
      await pc.setLocalDescription(await pc.createAnswer());
      await this.api.renegotiateAnswer(this.sessionId, pc.localDescription.sdp);
    }
    this.checkOpen();
    this.setPhase('connected');
  }

  checkOpen() {
    if (this.closed) throw new LinkError('setup', 'cancelled');
  }

  onTrack(e) {
    const receiver = e.receiver;
    // lowest latency: no playout delay, no jitter-buffer target (section 3.7)
    try { if ('playoutDelayHint' in receiver) receiver.playoutDelayHint = 0; } catch { /* not supported */ }
    try { if ('jitterBufferTarget' in receiver) receiver.jitterBufferTarget = 0; } catch { /* not supported */ }
    const stream = e.streams && e.streams[0] ? e.streams[0] : new MediaStream([e.track]);
    this.dispatchEvent(new CustomEvent('track', { detail: stream }));
  }

  onConnectionState() {
    const s = this.pc && this.pc.connectionState;
    this.dispatchEvent(new CustomEvent('pcstate', { detail: s }));
    if (s === 'failed' && !this.closed) this.fail(new LinkError('link', 'peer connection failed'));
  }

  startHeartbeat() {
    this.heartbeatTimer = setInterval(() => {
      this.api.heartbeat(this.sessionId).catch((e) => {
        this.fail(e.status === 403 || e.status === 404
          ? new LinkError('heartbeat', `the broker no longer knows this operator (${e.message})`, e) : e);
      });
    }, OP_HEARTBEAT_MS);
  }

  /** Sends on an open channel; false (and nothing sent) if it is absent or not open. */
  send(name, data) {
    const ch = this.channels[name];
    if (!ch || ch.readyState !== 'open') return false;
    try {
      ch.send(typeof data === 'string' || data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? data : JSON.stringify(data));
      return true;
    } catch {
      return false;
    }
  }

  /** Releases the peer connection and timers; idempotent. */
  close() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeatTimer);
    for (const ch of Object.values(this.channels)) { try { ch.close(); } catch { /* closing anyway */ } }
    if (this.pc) { try { this.pc.close(); } catch { /* closing anyway */ } }
    this.setPhase('closed');
    this.dispatchEvent(new Event('closed'));
  }

  /** POST leave (best effort), then close. */
  async leave() {
    try {
      await this.api.leave(this.sessionId);
    } finally {
      this.close();
    }
  }
}
