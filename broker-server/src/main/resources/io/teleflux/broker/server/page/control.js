// JSON control plane helpers (protocol section 3.6): parsing robot messages, building operator messages,
// video_stats from getStats() deltas. Pure: no DOM, no network.

const decoder = new TextDecoder();

/**
 * Parses a DataChannel payload (string, ArrayBuffer or typed array) as a JSON object with a string "type".
 * @returns {object|null} null for binary that is not UTF-8 JSON, malformed JSON, or a message without a type
 */
export function parseControl(data) {
  let text;
  if (typeof data === 'string') text = data;
  else if (data instanceof ArrayBuffer) text = decoder.decode(new Uint8Array(data));
  else if (ArrayBuffer.isView(data)) text = decoder.decode(data);
  else return null;
  if (!text.startsWith('{')) return null;
  try {
    const msg = JSON.parse(text);
    return msg && typeof msg === 'object' && typeof msg.type === 'string' ? msg : null;
  } catch {
    return null;
  }
}

let nonceCounter = 0;

/** A fresh nonce: unique within this page load and across page loads. */
export function newNonce() {
  nonceCounter++;
  const rnd = globalThis.crypto && crypto.randomUUID ? crypto.randomUUID().slice(0, 8) : Math.random().toString(16).slice(2, 10);
  return `op-${Date.now().toString(36)}-${nonceCounter}-${rnd}`;
}

export function estopMessage(nonce = newNonce()) {
  return { type: 'estop', nonce };
}

export function estopClearMessage(nonce = newNonce()) {
  return { type: 'estop_clear', nonce };
}

function num(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Formats a number or '—'. */
export function fmt(v, digits = 1) {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—';
}

/**
 * video_stats from two inbound-rtp video reports (prev may be null) taken dtMs apart, plus the codec report.
 * Members as section 3.6; unknown values are null.
 */
export function videoStats(prev, cur, dtMs, codec) {
  const d = (k) => (prev && num(cur[k]) !== null && num(prev[k]) !== null ? cur[k] - prev[k] : null);
  const secs = dtMs > 0 ? dtMs / 1000 : null;
  const frames = d('framesDecoded');
  const bytes = d('bytesReceived');
  const lost = d('packetsLost');
  const recv = d('packetsReceived');
  const jbDelay = d('jitterBufferDelay');
  const jbCount = d('jitterBufferEmittedCount');
  const decTime = d('totalDecodeTime');
  return {
    type: 'video_stats',
    fps: frames !== null && secs ? frames / secs : num(cur.framesPerSecond),
    kbps: bytes !== null && secs ? (bytes * 8) / 1000 / secs : null,
    width: num(cur.frameWidth),
    height: num(cur.frameHeight),
    loss_pct: lost !== null && recv !== null && lost + recv > 0 ? (100 * Math.max(0, lost)) / (lost + recv) : null,
    jitter_ms: num(cur.jitter) !== null ? cur.jitter * 1000 : null,
    frames_dropped: num(cur.framesDropped),
    freezes: num(cur.freezeCount),
    jitter_buffer_ms: jbDelay !== null && jbCount > 0 ? (jbDelay / jbCount) * 1000 : null,
    decode_ms: decTime !== null && frames > 0 ? (decTime / frames) * 1000 : null,
    e2e_latency_ms: null,
    codec: codec && codec.mimeType ? codec.mimeType : null,
    decoder: typeof cur.decoderImplementation === 'string' ? cur.decoderImplementation : null,
  };
}
