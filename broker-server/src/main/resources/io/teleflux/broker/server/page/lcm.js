// LCM encoding of geometry_msgs.TwistStamped, byte-identical to lcm-gen (and to teleflux-codecs' TwistStamped):
// the 8-byte big-endian wire fingerprint, then the body big-endian; nested structs carry no fingerprint;
// a string is uint32 (UTF-8 length + 1), the bytes, then '\0'. Pure: no DOM, no globals.

/** Wire fingerprint of geometry_msgs.TwistStamped (not Twist's 0x2e7c07d7cdf7e027). */
export const TWIST_STAMPED_FINGERPRINT = 0x9cd2bcbe6cb2a7c0n;

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const utf8 = new TextEncoder();

function checkInt32(name, v) {
  if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) {
    throw new RangeError(`${name} must be an int32, got ${v}`);
  }
  return v;
}

function checkFinite(name, v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new RangeError(`${name} must be a finite number, got ${v}`);
  }
  return v;
}

function vector3(name, v = {}) {
  return [checkFinite(`${name}.x`, v.x ?? 0), checkFinite(`${name}.y`, v.y ?? 0), checkFinite(`${name}.z`, v.z ?? 0)];
}

/**
 * Encodes a TwistStamped.
 * @param {{seq:number, sec:number, nsec:number, frameId:string,
 *          linear?:{x?:number,y?:number,z?:number}, angular?:{x?:number,y?:number,z?:number}}} m
 * @returns {Uint8Array} fingerprint + body (81 bytes for frame_id "keyboard")
 * @throws {RangeError} on a non-int32 header field or a non-finite component
 */
export function encodeTwistStamped(m) {
  const frame = utf8.encode(String(m.frameId ?? ''));
  const doubles = [...vector3('linear', m.linear), ...vector3('angular', m.angular)];
  const size = 8 + 4 + 4 + 4 + 4 + frame.length + 1 + 8 * doubles.length;
  const buf = new ArrayBuffer(size);
  const view = new DataView(buf);
  const bytes = new Uint8Array(buf);
  let at = 0;
  view.setBigUint64(at, TWIST_STAMPED_FINGERPRINT); at += 8;
  view.setInt32(at, checkInt32('seq', m.seq)); at += 4;
  view.setInt32(at, checkInt32('sec', m.sec)); at += 4;
  view.setInt32(at, checkInt32('nsec', m.nsec)); at += 4;
  view.setUint32(at, frame.length + 1); at += 4;
  bytes.set(frame, at); at += frame.length;
  bytes[at++] = 0;
  for (const d of doubles) {
    view.setFloat64(at, d); at += 8;
  }
  return bytes;
}

/**
 * Decodes what {@link encodeTwistStamped} writes (used by tests and the page's own diagnostics).
 * @param {ArrayBuffer|Uint8Array} data
 * @throws {Error} on a wrong fingerprint or a truncated payload
 */
export function decodeTwistStamped(data) {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || view.getBigUint64(0) !== TWIST_STAMPED_FINGERPRINT) {
    throw new Error('not a geometry_msgs.TwistStamped (fingerprint mismatch)');
  }
  let at = 8;
  const need = (n) => {
    if (at + n > bytes.length) throw new Error('truncated TwistStamped');
  };
  need(16);
  const seq = view.getInt32(at); const sec = view.getInt32(at + 4); const nsec = view.getInt32(at + 8);
  const len = view.getUint32(at + 12); at += 16;
  if (len < 1) throw new Error('bad frame_id length');
  need(len);
  const frameId = new TextDecoder().decode(bytes.subarray(at, at + len - 1)); at += len;
  need(48);
  const d = [];
  for (let i = 0; i < 6; i++) { d.push(view.getFloat64(at)); at += 8; }
  return { seq, sec, nsec, frameId, linear: { x: d[0], y: d[1], z: d[2] }, angular: { x: d[3], y: d[4], z: d[5] } };
}

/**
 * Splits a time in milliseconds since the epoch into LCM std_msgs.Time (sec, nsec), as DimOS does:
 * sec = floor(t), nsec = floor(fraction * 1e9).
 */
export function stampFromMillis(ms) {
  checkFinite('ms', ms);
  const sec = Math.floor(ms / 1000);
  const nsec = Math.min(999999999, Math.max(0, Math.floor((ms - sec * 1000) * 1e6)));
  return { sec, nsec };
}

/** Lower-case hex of bytes, for logs and tests. */
export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
