// NTP-style clock sync against the robot over state_reliable / state_reliable_back (protocol section 3.6).
// Pure: every time is passed in, in milliseconds since the epoch of the local clock (Date.now()).

/** Pings in the initial burst, the burst spacing and the steady-state period. */
export const PING_BURST = 5;
export const PING_BURST_INTERVAL_MS = 400;
export const PING_PERIOD_MS = 30000;
/** Samples with a round trip outside [0, MAX_RTT_MS] are rejected. */
export const MAX_RTT_MS = 5000;
/** The kept (minimum-RTT) sample's round trip is treated as this much worse per second of age. */
export const FLOOR_DECAY_MS_PER_S = 1;

/** A ping message; client_ts is in seconds, as the robot echoes it. */
export function pingMessage(nowMs) {
  return { type: 'ping', client_ts: nowMs / 1000 };
}

/**
 * One clock sample from a pong received at recvMs.
 * rtt = recv - client_ts; offset = ((robot_ts - client_ts) + (robot_ts - recv)) / 2, all in ms.
 * @returns {{rttMs:number, offsetMs:number, atMs:number} | null} null if the pong is malformed or the RTT is out of range
 */
export function sampleFromPong(pong, recvMs) {
  if (!pong || typeof pong.client_ts !== 'number' || typeof pong.robot_ts !== 'number'
      || !Number.isFinite(pong.client_ts) || !Number.isFinite(pong.robot_ts) || !Number.isFinite(recvMs)) {
    return null;
  }
  const clientMs = pong.client_ts * 1000;
  const robotMs = pong.robot_ts * 1000;
  const rttMs = recvMs - clientMs;
  if (rttMs < 0 || rttMs > MAX_RTT_MS) return null;
  return { rttMs, offsetMs: ((robotMs - clientMs) + (robotMs - recvMs)) / 2, atMs: recvMs };
}

/**
 * Keeps the minimum-RTT sample; the kept sample's RTT floor decays (worsens) by FLOOR_DECAY_MS_PER_S per second of
 * age, so a drifting clock is eventually re-measured by a later, slightly slower sample.
 */
export class ClockSync {
  constructor() {
    this.best = null;
    this.samples = 0;
    this.rejected = 0;
  }

  /** True once one sample was accepted. */
  get synced() {
    return this.best !== null;
  }

  /** Robot clock minus local clock, in ms (0 before the first sample). */
  get offsetMs() {
    return this.best ? this.best.offsetMs : 0;
  }

  /** RTT of the kept sample, in ms (NaN before the first sample). */
  get rttMs() {
    return this.best ? this.best.rttMs : NaN;
  }

  /** The kept sample's RTT floor at nowMs, including the decay. */
  floorAt(nowMs) {
    if (!this.best) return Infinity;
    return this.best.rttMs + FLOOR_DECAY_MS_PER_S * Math.max(0, nowMs - this.best.atMs) / 1000;
  }

  /**
   * Feeds a pong received at recvMs.
   * @returns {boolean} whether the sample became the kept one
   */
  onPong(pong, recvMs) {
    const s = sampleFromPong(pong, recvMs);
    if (!s) {
      this.rejected++;
      return false;
    }
    this.samples++;
    if (s.rttMs <= this.floorAt(recvMs)) {
      this.best = s;
      return true;
    }
    return false;
  }

  /** The local time nowMs expressed in robot clock. */
  robotTimeMs(nowMs) {
    return nowMs + this.offsetMs;
  }

  /** The clock_report message for the kept sample, or null before the first one. */
  report() {
    return this.best ? { type: 'clock_report', rtt_ms: this.best.rttMs, offset_ms: this.best.offsetMs } : null;
  }
}

/**
 * Delays (ms from the start) at which pings go out: the burst, then the period. Pure; the caller schedules.
 * pingDelay(0) = 0, pingDelay(4) = 1600, pingDelay(5) = 1600 + 30000, ...
 */
export function pingDelay(index) {
  if (index < PING_BURST) return index * PING_BURST_INTERVAL_MS;
  return (PING_BURST - 1) * PING_BURST_INTERVAL_MS + (index - PING_BURST + 1) * PING_PERIOD_MS;
}
