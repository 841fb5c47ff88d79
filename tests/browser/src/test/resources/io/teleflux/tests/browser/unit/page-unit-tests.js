// Unit tests of the operator page's pure modules (lcm.js, clock.js, drive.js, control.js). run(base) imports them from
// base (a URL ending in '/') and returns [{name, ok, error}]. PageUnitTest runs it in Chromium through unit.html; it
// needs nothing browser-specific, so node 20 runs it too (import it with the page folder's file: URL as base).

export async function run(base) {
  const lcm = await import(`${base}lcm.js`);
  const clock = await import(`${base}clock.js`);
  const drive = await import(`${base}drive.js`);
  const control = await import(`${base}control.js`);
  const api = await import(`${base}api.js`);
  const connection = await import(`${base}connection.js`);
  const view = await import(`${base}view.js`);
  const tests = [];
  const test = (name, fn) => tests.push({ name, fn });
  const eq = (actual, expected, what) => {
    if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
  };
  const near = (actual, expected, what, tol = 1e-9) => {
    if (!(Math.abs(actual - expected) <= tol)) throw new Error(`${what}: expected ${expected} ±${tol}, got ${actual}`);
  };
  const throws = (fn, type, what) => {
    try { fn(); } catch (e) { if (e instanceof type) return; throw new Error(`${what}: threw ${e}, wanted ${type.name}`); }
    throw new Error(`${what}: did not throw`);
  };

  // ------------------------------------------------------------------ lcm.js
  test('TwistStamped encodes to the reference test vector (section 5)', () => {
    const bytes = lcm.encodeTwistStamped({ seq: 7, sec: 1, nsec: 0, frameId: 'keyboard', linear: { x: 0.5 } });
    const expected = '9cd2bcbe6cb2a7c0' + '00000007' + '00000001' + '00000000' + '00000009' + '6b6579626f61726400'
      + '3fe0000000000000' + '0'.repeat(5 * 16);
    eq(bytes.length, 81, 'length');
    eq(lcm.toHex(bytes), expected, 'bytes');
  });
  test('TwistStamped starts with the TwistStamped fingerprint, not Twist\'s', () => {
    const bytes = lcm.encodeTwistStamped({ seq: 0, sec: 0, nsec: 0, frameId: '' });
    eq(lcm.toHex(bytes.subarray(0, 8)), '9cd2bcbe6cb2a7c0', 'fingerprint');
    eq(bytes.length, 8 + 16 + 1 + 48, 'empty frame_id length');
  });
  test('TwistStamped round-trips negative values and UTF-8 frame ids', () => {
    const m = { seq: 0x7fffffff, sec: -5, nsec: 999999999, frameId: 'tôt', linear: { x: -1.5, y: 1e-300, z: 3 },
      angular: { x: -0, y: 2.5, z: -2 } };
    const d = lcm.decodeTwistStamped(lcm.encodeTwistStamped(m));
    eq(d.seq, m.seq, 'seq'); eq(d.sec, -5, 'sec'); eq(d.nsec, 999999999, 'nsec'); eq(d.frameId, 'tôt', 'frame');
    eq(d.linear.x, -1.5, 'lx'); eq(d.linear.y, 1e-300, 'ly'); eq(d.angular.z, -2, 'az');
    eq(Object.is(d.angular.x, -0), true, 'negative zero kept');
  });
  test('TwistStamped rejects non-int32 header fields and non-finite components', () => {
    throws(() => lcm.encodeTwistStamped({ seq: 2 ** 31, sec: 0, nsec: 0, frameId: '' }), RangeError, 'seq');
    throws(() => lcm.encodeTwistStamped({ seq: 1.5, sec: 0, nsec: 0, frameId: '' }), RangeError, 'fractional');
    throws(() => lcm.encodeTwistStamped({ seq: 0, sec: 0, nsec: 0, frameId: '', linear: { x: NaN } }), RangeError, 'NaN');
    throws(() => lcm.encodeTwistStamped({ seq: 0, sec: 0, nsec: 0, frameId: '', angular: { z: Infinity } }), RangeError, 'inf');
  });
  test('decode rejects a wrong fingerprint and a truncated payload', () => {
    const good = lcm.encodeTwistStamped({ seq: 1, sec: 1, nsec: 1, frameId: 'keyboard' });
    const bad = good.slice(); bad[0] ^= 1;
    throws(() => lcm.decodeTwistStamped(bad), Error, 'fingerprint');
    throws(() => lcm.decodeTwistStamped(good.subarray(0, 60)), Error, 'truncated');
  });
  test('stamps split into sec and nsec like DimOS (int(ts), int(frac*1e9))', () => {
    const s = lcm.stampFromMillis(1700000000123.5);
    eq(s.sec, 1700000000, 'sec'); eq(s.nsec, 123500000, 'nsec');
    const z = lcm.stampFromMillis(1000);
    eq(z.sec, 1, 'whole sec'); eq(z.nsec, 0, 'whole nsec');
  });

  // ------------------------------------------------------------------ clock.js
  test('clock sample: rtt = recv - client_ts, offset = ((robot - client) + (robot - recv)) / 2', () => {
    // client sends at 1000.000 s local, robot stamps 1500.010 s robot, pong arrives at 1000.020 s local
    const s = clock.sampleFromPong({ type: 'pong', client_ts: 1000.0, robot_ts: 1500.01 }, 1000020);
    near(s.rttMs, 20, 'rtt', 1e-6);
    near(s.offsetMs, 500000, 'offset', 1e-6);
    const asym = clock.sampleFromPong({ client_ts: 10.0, robot_ts: 9.5 }, 10100); // robot 0.55 s behind
    near(asym.rttMs, 100, 'rtt2', 1e-6);
    near(asym.offsetMs, ((9500 - 10000) + (9500 - 10100)) / 2, 'offset2', 1e-6);
  });
  test('clock sample: rtt outside 0..5000 ms and malformed pongs are rejected', () => {
    eq(clock.sampleFromPong({ client_ts: 10, robot_ts: 10 }, 9999), null, 'negative rtt');
    eq(clock.sampleFromPong({ client_ts: 10, robot_ts: 10 }, 15001), null, 'rtt > 5000');
    eq(clock.sampleFromPong({ client_ts: 10 }, 10010) , null, 'no robot_ts');
    eq(clock.sampleFromPong({ client_ts: '10', robot_ts: 10 }, 10010), null, 'string client_ts');
    const c = new clock.ClockSync();
    eq(c.onPong({ client_ts: 10, robot_ts: 10 }, 20000), false, 'rejected sample');
    eq(c.rejected, 1, 'rejected count'); eq(c.synced, false, 'not synced'); eq(c.offsetMs, 0, 'offset 0 before sync');
  });
  test('clock sync keeps the minimum-RTT sample', () => {
    const c = new clock.ClockSync();
    eq(c.onPong({ client_ts: 100.0, robot_ts: 200.03 }, 100060), true, 'first'); // rtt 60, offset 100000
    eq(c.onPong({ client_ts: 100.4, robot_ts: 200.41 }, 100420), true, 'better');  // rtt 20, offset 100000
    near(c.rttMs, 20, 'rtt kept', 1e-6);
    eq(c.onPong({ client_ts: 100.8, robot_ts: 200.9 }, 100900), false, 'worse'); // rtt 100 ignored
    near(c.rttMs, 20, 'rtt still', 1e-6);
    near(c.offsetMs, 100000, 'offset', 1e-6);
    near(c.robotTimeMs(5000), 105000, 'robot time', 1e-6);
    const r = c.report();
    eq(r.type, 'clock_report', 'report type'); near(r.rtt_ms, 20, 'report rtt', 1e-6); near(r.offset_ms, 100000, 'report offset', 1e-6);
  });
  test('the kept sample\'s RTT floor decays 1 ms per second', () => {
    const c = new clock.ClockSync();
    c.onPong({ client_ts: 0.0, robot_ts: 1.005 }, 10); // rtt 10 at t=10 ms
    near(c.floorAt(10010), 20, 'floor after 10 s', 1e-6);
    eq(c.onPong({ client_ts: 10.0, robot_ts: 11.0 }, 10025), false, 'rtt 25 after ~10 s');
    eq(c.onPong({ client_ts: 30.0, robot_ts: 31.0 }, 30025), true, 'rtt 25 after ~30 s beats the decayed floor');
    near(c.rttMs, 25, 'new rtt', 1e-6);
  });
  test('pings: a burst of 5 at 400 ms, then every 30 s', () => {
    const d = [0, 1, 2, 3, 4, 5, 6].map(clock.pingDelay);
    eq(d.join(','), '0,400,800,1200,1600,31600,61600', 'delays');
    const p = clock.pingMessage(1234567);
    eq(p.type, 'ping', 'type'); near(p.client_ts, 1234.567, 'client_ts in seconds', 1e-9);
  });

  // ------------------------------------------------------------------ drive.js
  test('keys map to twists; opposite keys cancel; left is positive yaw', () => {
    const t = drive.twistFromKeys(new Set(['forward', 'left']));
    eq(t.linear.x, drive.DEFAULT_SPEEDS.linear, 'vx'); eq(t.angular.z, drive.DEFAULT_SPEEDS.angular, 'wz');
    const c = drive.twistFromKeys(new Set(['forward', 'back', 'right']));
    eq(c.linear.x, 0, 'cancel'); eq(c.angular.z, -drive.DEFAULT_SPEEDS.angular, 'right turn');
    eq(drive.actionForKey('KeyW', 'w'), 'forward', 'KeyW'); eq(drive.actionForKey('ArrowLeft', 'ArrowLeft'), 'left', 'arrow');
    eq(drive.actionForKey('', 'd'), 'right', 'key fallback'); eq(drive.actionForKey('KeyX', 'x'), undefined, 'unbound');
  });
  test('gamepad: dead zone, then forward is stick up', () => {
    eq(drive.twistFromGamepad([0.05, -0.1, 0.02, 0]), null, 'inside dead zone');
    const t = drive.twistFromGamepad([0, -1, 0, 0]);
    near(t.linear.x, drive.DEFAULT_SPEEDS.linear, 'full forward', 1e-12);
  });
  test('driver: twists while held, one zero on release, seq +1 per message, nothing while idle', () => {
    const d = new drive.Driver();
    eq(d.tick({ twist: null, blocked: false, robotTimeMs: 1 }), null, 'idle');
    const fwd = drive.twistFromKeys(new Set(['forward']));
    const a = d.tick({ twist: fwd, blocked: false, robotTimeMs: 2 });
    const b = d.tick({ twist: fwd, blocked: false, robotTimeMs: 3 });
    eq(a.seq, 1, 'seq a'); eq(b.seq, 2, 'seq b'); eq(a.frameId, 'keyboard', 'frame'); eq(b.robotTimeMs, 3, 'stamp');
    const z = d.tick({ twist: null, blocked: false, robotTimeMs: 4 });
    eq(z.seq, 3, 'zero seq'); eq(z.linear.x, 0, 'zero vx'); eq(z.angular.z, 0, 'zero wz');
    eq(d.tick({ twist: null, blocked: false, robotTimeMs: 5 }), null, 'idle after release');
    d.seq = 0x7fffffff;
    eq(d.tick({ twist: fwd, blocked: false, robotTimeMs: 6 }).seq, 0, 'seq wraps with & 0x7fffffff');
  });
  test('driver: blocking sends one zero and stays blocked until the keys are released', () => {
    const d = new drive.Driver();
    const fwd = drive.twistFromKeys(new Set(['forward']));
    d.tick({ twist: fwd, blocked: false, robotTimeMs: 1 });
    const z = d.tick({ twist: fwd, blocked: true, robotTimeMs: 2 });
    eq(z.linear.x, 0, 'zero on block');
    eq(d.tick({ twist: fwd, blocked: false, robotTimeMs: 3 }), null, 'still held: stays blocked');
    eq(d.blocked, true, 'blocked flag');
    eq(d.tick({ twist: null, blocked: false, robotTimeMs: 4 }), null, 'release');
    eq(d.tick({ twist: fwd, blocked: false, robotTimeMs: 5 }).linear.x, fwd.linear.x, 'drives again');
  });
  test('stall detector: stalled only after the video advanced and then stopped for STALL_MS', () => {
    const s = new drive.StallDetector(1000);
    eq(s.observe(0, 0), false, 'never played');
    eq(s.observe(5000, 0), false, 'never played, later');
    eq(s.observe(5100, 0.1), false, 'advancing');
    eq(s.observe(6000, 0.1), false, 'within 1 s');
    eq(s.observe(6101, 0.1), true, 'stalled');
    eq(s.observe(6200, 0.2), false, 'advances again');
  });

  // ------------------------------------------------------------------ control.js
  test('control: JSON payloads parse from text and bytes; LCM and junk are ignored', () => {
    const bytes = new TextEncoder().encode('{"type":"pong","client_ts":1,"robot_ts":2}');
    eq(control.parseControl(bytes.buffer).type, 'pong', 'arraybuffer');
    eq(control.parseControl('{"type":"cmd_ack","nonce":"n","ok":true}').ok, true, 'string');
    eq(control.parseControl(lcm.encodeTwistStamped({ seq: 1, sec: 1, nsec: 1, frameId: 'k' }).buffer), null, 'lcm');
    eq(control.parseControl('{"type":'), null, 'malformed');
    eq(control.parseControl('{"no_type":1}'), null, 'no type');
    const e = control.estopMessage();
    eq(e.type, 'estop', 'estop'); eq(typeof e.nonce, 'string', 'nonce');
    eq(control.estopClearMessage('x').nonce, 'x', 'clear nonce');
    if (control.newNonce() === control.newNonce()) throw new Error('nonces repeat');
  });
  test('control: video_stats from getStats deltas', () => {
    const prev = { framesDecoded: 100, bytesReceived: 100000, packetsLost: 0, packetsReceived: 100 };
    const cur = { framesDecoded: 130, bytesReceived: 225000, packetsLost: 1, packetsReceived: 199, frameWidth: 640,
      frameHeight: 480, jitter: 0.004, decoderImplementation: 'libavcodec' };
    const v = control.videoStats(prev, cur, 1000, { mimeType: 'video/H264' });
    near(v.fps, 30, 'fps'); near(v.kbps, 1000, 'kbps'); near(v.loss_pct, 1, 'loss'); near(v.jitter_ms, 4, 'jitter');
    eq(v.codec, 'video/H264', 'codec'); eq(v.width, 640, 'w'); eq(v.type, 'video_stats', 'type');
  });

  // ------------------------------------------------------------------ api.js (fetch is the remote service: faked)
  const fakeFetch = (status, body, calls) => async (url, init) => {
    calls.push({ url, init });
    return new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  test('api: bearer token, JSON bodies and paths as section 3.2', async () => {
    const calls = [];
    const client = new api.BrokerApi('tok', { fetch: fakeFetch(200, { sdp_answer: 'v=0' }, calls) });
    const r = await client.join('s 1', 'v=0 offer');
    eq(r.sdp_answer, 'v=0', 'answer');
    eq(calls[0].url, '/api/v1/sessions/s%201/join', 'url');
    eq(calls[0].init.method, 'POST', 'method');
    eq(calls[0].init.headers.Authorization, 'Bearer tok', 'auth');
    const body = JSON.parse(calls[0].init.body);
    eq(body.role, 'operator', 'role'); eq(body.sdp_offer, 'v=0 offer', 'offer');
    await client.leave('s1');
    eq(JSON.parse(calls[1].init.body).reason, 'user_initiated', 'leave reason');
    await client.renegotiateAnswer('s1', 'v=0 answer');
    eq(JSON.parse(calls[2].init.body).sdp_answer, 'v=0 answer', 'renegotiate body');
  });
  test('api: an HTTP error becomes an ApiError with the status and the broker\'s detail', async () => {
    const client = new api.BrokerApi('bad', { fetch: fakeFetch(401, { detail: 'Invalid token' }, []) });
    try {
      await client.sessions();
    } catch (e) {
      eq(e instanceof api.ApiError, true, 'type'); eq(e.status, 401, 'status'); eq(e.unauthorized, true, 'unauthorized');
      eq(e.message.includes('Invalid token'), true, `message: ${e.message}`);
      return;
    }
    throw new Error('no error');
  });
  test('api: a network failure is an ApiError with status 0', async () => {
    const client = new api.BrokerApi('t', { fetch: async () => { throw new TypeError('Failed to fetch'); } });
    try {
      await client.sessions();
    } catch (e) {
      eq(e.status, 0, 'status'); eq(e.message.includes('Failed to fetch'), true, 'message');
      return;
    }
    throw new Error('no error');
  });

  // ------------------------------------------------------------------ connection.js (constants only)
  test('channels: ids from the bridge response and the options of section 3.5', () => {
    const c = connection.CHANNELS;
    eq(JSON.stringify(c.cmd_unreliable), JSON.stringify({ idKey: 'cmd_channel_id', options: { ordered: false, maxRetransmits: 0 } }), 'cmd');
    eq(JSON.stringify(c.state_reliable), JSON.stringify({ idKey: 'state_channel_id', options: { ordered: true } }), 'state');
    eq(JSON.stringify(c.state_reliable_back), JSON.stringify({ idKey: 'state_back_channel_id', options: { ordered: true } }), 'back');
    eq(JSON.stringify(c.map_unreliable), JSON.stringify({ idKey: 'map_channel_id', options: { ordered: false, maxRetransmits: 0 } }), 'map');
    eq(connection.OP_HEARTBEAT_MS, 5000, 'op-heartbeat period');
  });

  // ------------------------------------------------------------------ view.js (pure part)
  test('telemetry rows: cmd stats, battery and every state member', () => {
    const rows = view.telemetryRows({ type: 'robot_telemetry', cmd: { latency_ms: 12.34, jitter_ms: 1, rate_hz: 80, throughput_bps: 6480 },
      soc: 87, state: { posture: 'standing', estopped: true, light: { enabled: false } }, robot_ts: 1 });
    const m = new Map(rows);
    eq(m.get('cmd latency'), '12.3 ms', 'latency'); eq(m.get('cmd rate'), '80.0 Hz', 'rate');
    eq(m.get('battery'), '87 %', 'soc'); eq(m.get('posture'), 'standing', 'posture'); eq(m.get('estopped'), 'true', 'estopped');
    eq(m.get('light'), '{"enabled":false}', 'nested state');
    const none = new Map(view.telemetryRows({ cmd: null, soc: null, state: null }));
    eq(none.get('cmd'), 'none', 'no cmd'); eq(none.get('battery'), '—', 'no soc');
  });

  const results = [];
  for (const t of tests) {
    try {
      await t.fn();
      results.push({ name: t.name, ok: true });
    } catch (e) {
      results.push({ name: t.name, ok: false, error: String(e && e.stack || e) });
    }
  }
  return results;
}
