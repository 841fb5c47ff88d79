// The broker's operator REST API (protocol section 3.2), over fetch. No DOM; the token is passed in.

/** A non-2xx answer from the broker, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(method, path, status, detail) {
    super(status === 0 ? `${method} ${path}: ${detail}` : `${method} ${path}: HTTP ${status}${detail ? ` — ${detail}` : ''}`);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
  }

  /** True for 401/403: the token is wrong, expired or not the bound operator. */
  get unauthorized() {
    return this.status === 401 || this.status === 403;
  }
}

async function detailOf(response) {
  const text = await response.text().catch(() => '');
  if (!text) return response.statusText;
  try {
    const body = JSON.parse(text);
    const d = body.detail ?? body.error ?? body.message;
    return typeof d === 'string' ? d : JSON.stringify(d ?? body);
  } catch {
    return text.slice(0, 200);
  }
}

/** Operator client of /api/v1. */
export class BrokerApi {
  /**
   * @param {string} token operator bearer token
   * @param {{base?: string, fetch?: typeof fetch, timeoutMs?: number}} [options] base defaults to '/api/v1'
   */
  constructor(token, options = {}) {
    if (!token) throw new Error('a token is required');
    this.token = token;
    this.base = options.base ?? '/api/v1';
    this.fetch = options.fetch ?? ((...a) => globalThis.fetch(...a));
    this.timeoutMs = options.timeoutMs ?? 20000;
  }

  async request(method, path, body) {
    const headers = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    const init = { method, headers, signal: AbortSignal.timeout(this.timeoutMs) };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await this.fetch(this.base + path, init);
    } catch (e) {
      throw new ApiError(method, path, 0, e && e.name === 'TimeoutError' ? 'timed out' : String(e && e.message || e));
    }
    if (!response.ok) throw new ApiError(method, path, response.status, await detailOf(response));
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  /** GET /auth/me → {sub, role}. */
  me() { return this.request('GET', '/auth/me'); }

  /** GET /sessions/turn-credentials → {ice_servers:[…]}. */
  iceServers() { return this.request('GET', '/sessions/turn-credentials'); }

  /** GET /sessions → [SessionInfo]. */
  sessions() { return this.request('GET', '/sessions'); }

  /** POST /sessions/{id}/join → {sdp_answer, ice_servers, …}. */
  join(id, sdpOffer) { return this.request('POST', `/sessions/${enc(id)}/join`, { role: 'operator', sdp_offer: sdpOffer }); }

  /** POST /sessions/{id}/bridge-datachannel → channel ids, video_offer?, video_status. */
  bridge(id) { return this.request('POST', `/sessions/${enc(id)}/bridge-datachannel`); }

  /** POST /sessions/{id}/renegotiate-answer. */
  renegotiateAnswer(id, sdpAnswer) {
    return this.request('POST', `/sessions/${enc(id)}/renegotiate-answer`, { sdp_answer: sdpAnswer });
  }

  /** POST /sessions/{id}/op-heartbeat → {ack:true}. */
  heartbeat(id) { return this.request('POST', `/sessions/${enc(id)}/op-heartbeat`); }

  /** POST /sessions/{id}/leave. */
  leave(id) { return this.request('POST', `/sessions/${enc(id)}/leave`, { reason: 'user_initiated' }); }
}

function enc(id) {
  return encodeURIComponent(id);
}
