// The operator page: DOM wiring of api.js, connection.js, clock.js, drive.js, lcm.js and control.js.
// For tests, the live state is exposed as window.teleflux (the peer connection, counters, the sent-command log).

import { ApiError, BrokerApi } from './api.js';
import { OperatorLink } from './connection.js';
import { ClockSync, pingDelay, pingMessage } from './clock.js';
import { DRIVE_INTERVAL_MS, Driver, StallDetector, actionForKey, twistFromGamepad, twistFromKeys } from './drive.js';
import { encodeTwistStamped, stampFromMillis } from './lcm.js';
import { estopClearMessage, estopMessage, fmt, newNonce, parseControl, videoStats } from './control.js';
import * as view from './view.js';

const TOKEN_KEY = 'teleflux.operatorToken';
const SENT_LOG_MAX = 10000;
const $ = (id) => document.getElementById(id);

/** State visible to tests (read-only by convention). */
const exposed = {
  link: null,
  get pc() { return this.link ? this.link.pc : null; },
  phase: 'idle',
  clock: null,
  sent: { count: 0, log: [] },
  received: { state_reliable_back: 0, map_unreliable: 0, last: {} },
  acks: [],
  errors: [],
  /** framesDecoded of the inbound video, from getStats (0 without video). */
  async framesDecoded() {
    const pc = this.pc;
    if (!pc) return 0;
    let frames = 0;
    (await pc.getStats()).forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0;
    });
    return frames;
  },
};
window.teleflux = exposed;

let api = null;
let link = null;
let sessionsTimer = null;
let timers = [];
const held = new Set();
/** nonce → what was sent, to label cmd_acks; bounded. */
const pendingAcks = new Map();
let estopLatched = false;

// ---------------------------------------------------------------- errors and views

function showError(error) {
  const message = error instanceof Error ? error.message : String(error);
  exposed.errors.push(message);
  $('error-text').textContent = message;
  $('error').hidden = false;
  console.error('[teleflux]', error);
}

function clearError() {
  $('error').hidden = true;
}

function show(view) {
  for (const v of ['login-view', 'sessions-view', 'drive-view']) $(v).hidden = v !== view;
  $('logout').hidden = view === 'login-view';
}

function setPill(id, text, state) {
  view.setPill($(id), text, state);
}

// ---------------------------------------------------------------- login and session list

async function login(token) {
  api = new BrokerApi(token);
  try {
    await listSessions();
  } catch (e) {
    api = null;
    if (e instanceof ApiError && e.unauthorized) sessionStorage.removeItem(TOKEN_KEY);
    show('login-view');
    throw e;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  api.me().then((me) => { $('who').textContent = me && me.sub ? `${me.sub}${me.role === 'admin' ? ' (admin)' : ''}` : ''; },
    () => { $('who').textContent = ''; });
  clearError();
  show('sessions-view');
  clearInterval(sessionsTimer);
  sessionsTimer = setInterval(() => listSessions().catch(showError), 5000);
}

function logout() {
  leave().finally(() => {
    sessionStorage.removeItem(TOKEN_KEY);
    api = null;
    clearInterval(sessionsTimer);
    $('token').value = '';
    $('who').textContent = '';
    show('login-view');
  });
}

async function listSessions() {
  const list = await api.sessions();
  const rows = Array.isArray(list) ? list : [];
  view.renderSessions($('sessions').querySelector('tbody'), rows, (session) => join(session).catch(showError));
  $('no-sessions').hidden = rows.length > 0;
  return rows;
}

// ---------------------------------------------------------------- join / leave

async function join(session) {
  if (link) return;
  clearError();
  clearInterval(sessionsTimer);
  $('robot-name').textContent = session.robot_name || session.session_id;
  show('drive-view');
  resetPanels();
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur(); // keys go to the page
  link = new OperatorLink(api, session.session_id);
  exposed.link = link;
  const clock = new ClockSync();
  exposed.clock = clock;
  link.addEventListener('phase', (e) => {
    exposed.phase = e.detail;
    setPill('phase', e.detail, e.detail === 'connected' ? 'connected' : e.detail === 'closed' ? 'closed' : 'warn');
  });
  link.addEventListener('pcstate', (e) => setPill('pc-state', `pc: ${e.detail}`, e.detail));
  link.addEventListener('channel', (e) => renderChannels());
  link.addEventListener('error', (e) => {
    showError(e.detail);
    // the broker dropped this operator, or the link died: back to the list (the link is unusable)
    if (e.detail && (e.detail.step === 'heartbeat' || e.detail.step === 'link') && link) {
      const dead = link;
      link = null;
      stopLoops();
      dead.close();
      backToList();
    }
  });
  link.addEventListener('track', (e) => attachVideo(e.detail));
  link.addEventListener('message', (e) => onMessage(e.detail.channel, e.detail.data, clock));
  link.addEventListener('closed', () => stopLoops());
  try {
    await link.join();
  } catch (e) {
    const failed = link;
    link = null;
    failed.leave().catch(() => { /* best effort: frees the operator slot if the join went through */ });
    backToList();
    throw e;
  }
  renderChannels();
  if (link.videoStatus && link.videoStatus !== 'ok') $('video-status').textContent = `no video: ${link.videoStatus}`;
  startLoops(link, clock);
}

async function leave() {
  if (!link) return;
  const l = link;
  link = null;
  stopLoops();
  try {
    await l.leave();
  } catch (e) {
    showError(e);
  }
  exposed.link = l; // keep the closed link visible for diagnostics
  backToList();
}

function backToList() {
  if (!api) return;
  show('sessions-view');
  listSessions().catch(showError);
  clearInterval(sessionsTimer);
  sessionsTimer = setInterval(() => listSessions().catch(showError), 5000);
}

// ---------------------------------------------------------------- loops: clock sync, drive, video stats

function startLoops(l, clock) {
  const start = Date.now();
  let pingIndex = 0;
  const schedulePing = () => {
    const wait = Math.max(0, start + pingDelay(pingIndex) - Date.now());
    timers.push(setTimeout(() => {
      l.send('state_reliable', JSON.stringify(pingMessage(Date.now())));
      pingIndex++;
      schedulePing();
    }, wait));
  };
  schedulePing();

  const driver = new Driver();
  const stall = new StallDetector();
  const video = $('video');
  timers.push(setInterval(() => driveTick(l, clock, driver, stall, video), DRIVE_INTERVAL_MS));

  let prev = null;
  let prevAt = 0;
  timers.push(setInterval(async () => {
    if (!l.pc || l.closed) return;
    try {
      const report = await l.pc.getStats();
      let inbound = null;
      const codecs = new Map();
      report.forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') inbound = r;
        if (r.type === 'codec') codecs.set(r.id, r);
      });
      if (!inbound) return;
      const now = Date.now();
      const stats = videoStats(prev, inbound, now - prevAt, codecs.get(inbound.codecId));
      prev = inbound;
      prevAt = now;
      $('video-stats').textContent = `${fmt(stats.fps, 0)} fps ${fmt(stats.kbps, 0)} kb/s ${stats.width ?? '?'}×${stats.height ?? '?'}`;
      l.send('state_reliable', JSON.stringify(stats));
    } catch {
      // stats are best effort
    }
  }, 1000));
}

function stopLoops() {
  for (const t of timers) { clearTimeout(t); clearInterval(t); }
  timers = [];
}

function gamepadTwist() {
  if (!navigator.getGamepads) return null;
  for (const gp of navigator.getGamepads()) {
    if (gp && gp.connected) {
      const t = twistFromGamepad(gp.axes);
      if (t) return t;
    }
  }
  return null;
}

function driveTick(l, clock, driver, stall, video) {
  const now = Date.now();
  const stalled = stall.observe(now, video.currentTime);
  const cmdOpen = l.channels.cmd_unreliable && l.channels.cmd_unreliable.readyState === 'open';
  const twist = held.size > 0 ? twistFromKeys(held) : gamepadTwist();
  const blocked = stalled || estopLatched || !cmdOpen;
  const msg = driver.tick({ twist, blocked, robotTimeMs: clock.robotTimeMs(now) });
  const why = estopLatched ? 'E-stop' : stalled ? 'video stalled' : !cmdOpen ? 'channel closed' : 'was blocked';
  setPill('drive-state', driver.blocked && twist ? `drive: blocked (${why}, release keys)` : twist ? 'drive: sending' : 'drive: idle',
    driver.blocked && twist ? 'error' : twist ? 'connected' : 'idle');
  if (!msg) return;
  const { sec, nsec } = stampFromMillis(msg.robotTimeMs);
  const bytes = encodeTwistStamped({ seq: msg.seq, sec, nsec, frameId: msg.frameId, linear: msg.linear, angular: msg.angular });
  if (!l.send('cmd_unreliable', bytes)) return;
  exposed.sent.count++;
  if (exposed.sent.log.length < SENT_LOG_MAX) {
    exposed.sent.log.push({ seq: msg.seq, sec, nsec, linear: msg.linear, angular: msg.angular });
  }
  $('twist').textContent = `vx ${fmt(msg.linear.x, 2)} vy ${fmt(msg.linear.y, 2)} wz ${fmt(msg.angular.z, 2)}`;
  $('sent').textContent = `${msg.seq} / ${exposed.sent.count}`;
}

// ---------------------------------------------------------------- inbound messages

function onMessage(channel, data, clock) {
  if (channel in exposed.received) exposed.received[channel]++;
  const msg = parseControl(data);
  if (!msg) return;
  exposed.received.last[msg.type] = msg;
  switch (msg.type) {
    case 'pong':
      if (clock.onPong(msg, Date.now())) {
        const report = clock.report();
        link && link.send('state_reliable', JSON.stringify(report));
      }
      setPill('clock', clock.synced ? `clock: ${fmt(clock.offsetMs, 1)} ms (rtt ${fmt(clock.rttMs, 1)})` : 'clock: not synced',
        clock.synced ? 'ok' : 'warn');
      break;
    case 'cmd_ack':
      onAck(msg);
      break;
    case 'robot_telemetry':
      renderTelemetry(msg);
      break;
    case 'odom':
      $('odom').textContent = `${fmt(msg.x, 2)}, ${fmt(msg.y, 2)}, ${fmt(msg.yaw, 2)}`;
      break;
    case 'map':
      if (msg.fmt === 'png' && typeof msg.png_b64 === 'string') {
        $('map').src = `data:image/png;base64,${msg.png_b64}`;
        $('map').hidden = false;
      }
      break;
    default:
      break;
  }
}

function onAck(msg) {
  exposed.acks.push(msg);
  if (exposed.acks.length > 1000) exposed.acks.shift();
  const what = pendingAcks.get(msg.nonce) ?? 'command';
  pendingAcks.delete(msg.nonce);
  view.prependAck($('acks'), `${what}: ${msg.ok ? 'ok' : 'rejected'}`, msg.ok === true, String(msg.nonce));
}

function renderTelemetry(t) {
  view.renderKeyValues($('telemetry'), view.telemetryRows(t));
}

function renderChannels() {
  view.renderChannels($('channels'), link ? link.channels : {});
}

function resetPanels() {
  exposed.sent = { count: 0, log: [] };
  exposed.received = { state_reliable_back: 0, map_unreliable: 0, last: {} };
  exposed.acks = [];
  for (const id of ['twist', 'odom', 'video-stats']) $(id).textContent = '—';
  $('sent').textContent = '0 / 0';
  $('map').hidden = true;
  $('acks').replaceChildren();
  $('channels').replaceChildren();
  $('video-status').textContent = 'waiting for video…';
  setPill('clock', 'clock: not synced', 'warn');
  setPill('pc-state', 'pc: —', 'idle');
  estopLatched = false;
  $('estop').dataset.latched = 'false';
}

function attachVideo(stream) {
  const video = $('video');
  if (video.srcObject !== stream) video.srcObject = stream;
  video.play().catch(() => { /* autoplay of a muted video is allowed; ignore a racing play() */ });
  video.addEventListener('playing', () => { $('video-status').textContent = ''; }, { once: true });
}

// ---------------------------------------------------------------- safety

function expectAck(what) {
  const nonce = newNonce();
  pendingAcks.set(nonce, what);
  if (pendingAcks.size > 100) pendingAcks.delete(pendingAcks.keys().next().value);
  return nonce;
}

function sendCommand(msg) {
  return !!link && link.send('state_reliable', JSON.stringify(msg));
}

function estop() {
  estopLatched = true;
  held.clear();
  $('estop').dataset.latched = 'true';
  if (!sendCommand(estopMessage(expectAck('estop')))) {
    showError('E-stop NOT sent: no open state_reliable channel');
  }
}

function estopClear() {
  if (!sendCommand(estopClearMessage(expectAck('estop_clear')))) {
    showError('E-stop clear not sent: no open state_reliable channel');
    return;
  }
  estopLatched = false;
  $('estop').dataset.latched = 'false';
}

// ---------------------------------------------------------------- input

function typing(e) {
  const t = e.target;
  return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
}

window.addEventListener('keydown', (e) => {
  if (typing(e) || !link) return;
  if (e.code === 'Space' || e.key === ' ') {
    e.preventDefault();
    if (!e.repeat) estop();
    return;
  }
  const action = actionForKey(e.code, e.key);
  if (action) {
    e.preventDefault();
    held.add(action);
  }
});

window.addEventListener('keyup', (e) => {
  if (link && !typing(e) && (e.code === 'Space' || e.key === ' ')) e.preventDefault(); // no button activation
  const action = actionForKey(e.code, e.key);
  if (action) held.delete(action);
});

// losing focus must not leave a key "held"
window.addEventListener('blur', () => held.clear());
document.addEventListener('visibilitychange', () => { if (document.hidden) held.clear(); });
window.addEventListener('pagehide', () => { if (link) link.close(); });

// ---------------------------------------------------------------- boot

$('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  login($('token').value.trim()).catch(showError);
});
$('logout').addEventListener('click', logout);
$('refresh').addEventListener('click', () => listSessions().catch(showError));
$('leave').addEventListener('click', () => leave());
$('estop').addEventListener('click', estop);
$('estop-clear').addEventListener('click', estopClear);
$('error-close').addEventListener('click', clearError);

// A link printed by the broker or the demo carries the token in the fragment (never sent to the server):
// http://host:port/#token=... logs in at once, then the fragment is removed from the address bar.
const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromLink) history.replaceState(null, '', location.pathname + location.search);
const saved = fromLink || sessionStorage.getItem(TOKEN_KEY);
if (saved) {
  login(saved).catch(showError);
} else {
  show('login-view');
}
