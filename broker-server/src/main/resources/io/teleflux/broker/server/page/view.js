// Rendering helpers: small DOM builders, plus telemetryRows, which is pure. Text only (textContent), never HTML.

import { fmt } from './control.js';

/** A status pill: its text and its data-state (connected/ok, warn, error/failed/closed colour it). */
export function setPill(el, text, state) {
  el.textContent = text;
  el.dataset.state = state;
}

/** [label, value] rows for a robot_telemetry message (section 3.6). Pure. */
export function telemetryRows(t) {
  const rows = [];
  const cmd = t && t.cmd;
  if (cmd && typeof cmd === 'object') {
    rows.push(['cmd latency', `${fmt(cmd.latency_ms, 1)} ms`], ['cmd jitter', `${fmt(cmd.jitter_ms, 1)} ms`],
      ['cmd rate', `${fmt(cmd.rate_hz, 1)} Hz`], ['cmd throughput', `${fmt(cmd.throughput_bps, 0)} B/s`]);
  } else {
    rows.push(['cmd', 'none']);
  }
  rows.push(['battery', typeof t.soc === 'number' ? `${fmt(t.soc, 0)} %` : '—']);
  const state = t.state && typeof t.state === 'object' ? t.state : {};
  for (const [k, v] of Object.entries(state)) rows.push([k, v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)]);
  return rows;
}

function pair(left, right, rightClass) {
  const li = document.createElement('li');
  const a = document.createElement('span');
  a.textContent = left;
  const b = document.createElement('span');
  b.textContent = right;
  if (rightClass) b.className = rightClass;
  li.append(a, b);
  return li;
}

/** Fills a key/value list; a row whose label is 'estopped' and value 'true' is marked. */
export function renderKeyValues(ul, rows) {
  ul.replaceChildren(...rows.map(([k, v]) => pair(k, v, k === 'estopped' && v === 'true' ? 'bad' : '')));
}

/** One row per DataChannel: name, SCTP id, readyState. */
export function renderChannels(ul, channels) {
  ul.replaceChildren(...Object.entries(channels).map(([name, ch]) => {
    const li = pair(`${name} #${ch.id}`, ch.readyState, ch.readyState === 'open' ? 'ok' : 'bad');
    li.dataset.channel = name;
    return li;
  }));
}

/** Adds an ack line on top, keeping at most max lines. */
export function prependAck(list, text, ok, title, max = 20) {
  const li = document.createElement('li');
  li.className = ok ? 'ok' : 'bad';
  li.textContent = text;
  li.title = title;
  list.prepend(li);
  while (list.children.length > max) list.lastChild.remove();
}

/** The session table: robot name, id, state, operator, and a Join button calling onJoin(session). */
export function renderSessions(tbody, sessions, onJoin) {
  tbody.replaceChildren(...sessions.map((s) => {
    const tr = document.createElement('tr');
    tr.dataset.sessionId = s.session_id;
    for (const v of [s.robot_name, s.robot_id, s.state, s.operator_id ?? '—']) {
      const td = document.createElement('td');
      td.textContent = v ?? '';
      tr.append(td);
    }
    const td = document.createElement('td');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'join';
    b.textContent = 'Join';
    b.addEventListener('click', () => onJoin(s));
    td.append(b);
    tr.append(td);
    return tr;
  }));
}
