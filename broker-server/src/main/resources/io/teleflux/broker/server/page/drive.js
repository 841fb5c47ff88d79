// Drive logic: keys and gamepad to twists, the 80 Hz send decision, the release-edge zero, header.seq, and the
// video-stall gate (protocol section 3.6). Pure: the caller passes time and input and sends what tick() returns.

export const DRIVE_HZ = 80;
export const DRIVE_INTERVAL_MS = 1000 / DRIVE_HZ;
export const FRAME_ID = 'keyboard';
/** Driving is blocked when the video has not advanced for this long; it resumes once all drive input is released. */
export const STALL_MS = 1000;
/** Default speeds: m/s forward and sideways, rad/s turning (the robot clamps at 1.5 m/s and 2.0 rad/s). */
export const DEFAULT_SPEEDS = Object.freeze({ linear: 1.0, lateral: 0.5, angular: 1.0 });
export const GAMEPAD_DEADZONE = 0.12;

/** KeyboardEvent.code (or .key) → drive action. */
const KEY_ACTIONS = new Map([
  ['KeyW', 'forward'], ['ArrowUp', 'forward'], ['w', 'forward'], ['W', 'forward'],
  ['KeyS', 'back'], ['ArrowDown', 'back'], ['s', 'back'], ['S', 'back'],
  ['KeyA', 'left'], ['ArrowLeft', 'left'], ['a', 'left'], ['A', 'left'],
  ['KeyD', 'right'], ['ArrowRight', 'right'], ['d', 'right'], ['D', 'right'],
  ['KeyQ', 'strafeLeft'], ['q', 'strafeLeft'], ['Q', 'strafeLeft'],
  ['KeyE', 'strafeRight'], ['e', 'strafeRight'], ['E', 'strafeRight'],
]);

/** The drive action for a keyboard event's code/key, or undefined. */
export function actionForKey(code, key) {
  return KEY_ACTIONS.get(code) ?? KEY_ACTIONS.get(key);
}

export const ZERO_TWIST = Object.freeze({
  linear: Object.freeze({ x: 0, y: 0, z: 0 }), angular: Object.freeze({ x: 0, y: 0, z: 0 }),
});

/** Twist for a set of held actions: opposite keys cancel; left turns are positive yaw (REP 103). */
export function twistFromKeys(actions, speeds = DEFAULT_SPEEDS) {
  const has = (a) => actions.has(a);
  const fwd = (has('forward') ? 1 : 0) - (has('back') ? 1 : 0);
  const side = (has('strafeLeft') ? 1 : 0) - (has('strafeRight') ? 1 : 0);
  const turn = (has('left') ? 1 : 0) - (has('right') ? 1 : 0);
  return {
    linear: { x: fwd * speeds.linear, y: side * speeds.lateral, z: 0 },
    angular: { x: 0, y: 0, z: turn * speeds.angular },
  };
}

function deadzone(v, dz) {
  if (!Number.isFinite(v) || Math.abs(v) < dz) return 0;
  return Math.sign(v) * (Math.abs(v) - dz) / (1 - dz);
}

/**
 * Twist from standard-mapping gamepad axes: left stick up/down = forward/back, left stick x = strafe,
 * right stick x = turn. Returns null when every stick is inside the dead zone.
 */
export function twistFromGamepad(axes, speeds = DEFAULT_SPEEDS, dz = GAMEPAD_DEADZONE) {
  if (!axes || axes.length < 2) return null;
  const fwd = -deadzone(axes[1], dz);
  const side = -deadzone(axes[0], dz);
  const turn = axes.length >= 3 ? -deadzone(axes[2], dz) : 0;
  if (fwd === 0 && side === 0 && turn === 0) return null;
  return {
    linear: { x: fwd * speeds.linear, y: side * speeds.lateral, z: 0 },
    angular: { x: 0, y: 0, z: turn * speeds.angular },
  };
}

/** Watches video.currentTime; stalled once it has advanced at least once and then not for STALL_MS. */
export class StallDetector {
  constructor(stallMs = STALL_MS) {
    this.stallMs = stallMs;
    this.lastTime = NaN;
    this.lastAdvanceMs = NaN;
  }

  /** @returns {boolean} whether the video is stalled at nowMs */
  observe(nowMs, currentTime) {
    if (Number.isFinite(currentTime) && currentTime !== this.lastTime) {
      if (!Number.isNaN(this.lastTime) || currentTime > 0) this.lastAdvanceMs = nowMs;
      this.lastTime = currentTime;
    }
    return !Number.isNaN(this.lastAdvanceMs) && nowMs - this.lastAdvanceMs > this.stallMs;
  }
}

/**
 * Decides, at each 80 Hz tick, what to send: a twist while drive input is held, exactly one zero twist on the
 * release edge (or when driving becomes blocked), nothing while idle. Once blocked, driving resumes only after all
 * input was released. header.seq increases by one per sent message (& 0x7fffffff).
 */
export class Driver {
  constructor(frameId = FRAME_ID) {
    this.frameId = frameId;
    this.seq = 0;
    this.sending = false;
    this.latched = false;
  }

  /**
   * @param {{twist: {linear, angular} | null, blocked: boolean, robotTimeMs: number}} input
   *        twist: the wanted twist, or null when no drive input is held
   * @returns {{seq, robotTimeMs, frameId, linear, angular} | null} the message to send, or null
   */
  tick(input) {
    const held = input.twist !== null;
    if (input.blocked) this.latched = true;
    else if (!held) this.latched = false;
    const drive = held && !this.latched;
    if (drive) {
      this.sending = true;
      return this.message(input.twist, input.robotTimeMs);
    }
    if (this.sending) {
      this.sending = false;
      return this.message(ZERO_TWIST, input.robotTimeMs);
    }
    return null;
  }

  /** Whether input is held but ignored because driving is blocked (until released). */
  get blocked() {
    return this.latched;
  }

  message(twist, robotTimeMs) {
    this.seq = (this.seq + 1) & 0x7fffffff;
    return {
      seq: this.seq, robotTimeMs, frameId: this.frameId,
      linear: { ...twist.linear }, angular: { ...twist.angular },
    };
  }
}
