'use strict';
/*
 * Chromium's own DataChannel loopback for the teleflux benchmark harness (io.teleflux.bench.chromium).
 *
 * Two RTCPeerConnections in this page, "operator" and "robot", each with the kind's forward channel
 * (operator -> robot, negotiated id 1) and back channel (robot -> operator, id 2), the same layout as the harness's
 * raw webrtc-java baseline. Or (connectJava) only the operator here and the robot a teleflux Java session, met
 * through the toolkit's WebSocket signaling: the same ids, since teleflux numbers channels 1..n by sorted name.
 * Java drives the page through WebDriver; every measurement loop runs here, in the page, so WebDriver's own latency
 * is never measured. Times come from performance.now() (5 µs resolution when the page is cross-origin isolated,
 * which PageServer arranges).
 */
(() => {
  /** The sender's flow control, as the harness's SendGate: send up to 1 MiB buffered, resume below 256 KiB. */
  const HIGH_WATER = 1024 * 1024;
  const LOW_WATER = HIGH_WATER / 4;

  let link = null;

  function channelInit(reliable, id) {
    return reliable ? {negotiated: true, id, ordered: true}
                    : {negotiated: true, id, ordered: false, maxRetransmits: 0};
  }

  function opened(channel) {
    return new Promise((resolve, reject) => {
      if (channel.readyState === 'open') {
        resolve();
        return;
      }
      channel.addEventListener('open', () => resolve(), {once: true});
      channel.addEventListener('close', () => reject(new Error('data channel ' + channel.id + ' closed')),
          {once: true});
    });
  }

  function within(promise, ms, what) {
    let timer;
    return Promise.race([promise, new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(what + ' did not complete within ' + ms + ' ms')), ms);
    })]).finally(() => clearTimeout(timer));
  }

  let microphone = null;

  /**
   * Without media permission Chromium gathers candidates only on the default route's interface, and a private
   * network namespace has no default route: no candidates at all. A (fake, auto-granted) microphone lets it gather
   * on every interface, the namespace's veth among them, without mDNS host names. Held for the page's lifetime.
   */
  async function enableAllInterfaces() {
    if (!microphone) {
      microphone = await navigator.mediaDevices.getUserMedia({audio: true});
    }
  }

  /** Connects a fresh operator/robot pair; resolves with the setup time (first constructor to all four open). */
  async function connect(reliable, timeoutMs) {
    close();
    await enableAllInterfaces(); // done once by prepare(), outside the setup time
    const start = performance.now();
    const operator = new RTCPeerConnection();
    const robot = new RTCPeerConnection();
    const candidates = {operator: [], robot: [], failed: []};
    const trickle = (from, to, name) => {
      from.onicecandidate = e => {
        if (e.candidate) {
          candidates[name].push(e.candidate.candidate);
          to.addIceCandidate(e.candidate).catch(err => candidates.failed.push(String(err)));
        }
      };
    };
    trickle(operator, robot, 'operator');
    trickle(robot, operator, 'robot');
    const l = {
      operator, robot, reliable, received: 0, sent: 0, echoing: false, onEcho: null,
      forwardOut: operator.createDataChannel('bench-1', channelInit(reliable, 1)),
      backIn: operator.createDataChannel('bench-2', channelInit(reliable, 2)),
      forwardIn: robot.createDataChannel('bench-1', channelInit(reliable, 1)),
      backOut: robot.createDataChannel('bench-2', channelInit(reliable, 2)),
    };
    for (const c of [l.forwardOut, l.backIn, l.forwardIn, l.backOut]) {
      c.binaryType = 'arraybuffer'; // a Blob per message would cost more than the transport
    }
    l.forwardOut.bufferedAmountLowThreshold = LOW_WATER;
    l.forwardIn.onmessage = e => {
      l.received++;
      if (l.echoing) {
        l.backOut.send(e.data);
      }
    };
    l.backIn.onmessage = e => {
      if (l.onEcho) {
        l.onEcho(e.data);
      }
    };
    link = l;
    await within((async () => {
      await operator.setLocalDescription(await operator.createOffer());
      await robot.setRemoteDescription(operator.localDescription);
      await robot.setLocalDescription(await robot.createAnswer());
      await operator.setRemoteDescription(robot.localDescription);
      await Promise.all([l.forwardOut, l.backIn, l.forwardIn, l.backOut].map(opened));
    })(), timeoutMs, 'connecting the two peer connections').catch(e => {
      throw new Error(e.message + ' (ice ' + operator.iceConnectionState + '/' + robot.iceConnectionState
          + ', candidates ' + JSON.stringify(candidates) + ')');
    });
    const maxMessageSize = operator.sctp ? operator.sctp.maxMessageSize : 65536;
    return {setupMillis: performance.now() - start, maxMessageSize};
  }

  /**
   * Connects this page as the operator to a teleflux robot through the toolkit's WebSocket signaling (room URL
   * ending in /operator): {"type":"paired"} from the server, then offer (with the sorted channel names), answer and
   * trickled candidates as JSON text frames. Resolves with the setup time (socket opened to both channels open).
   */
  async function connectJava(url, reliable, channelNames, timeoutMs) {
    close();
    await enableAllInterfaces();
    const start = performance.now();
    const pc = new RTCPeerConnection();
    const ws = new WebSocket(url);
    const l = {
      operator: pc, robot: null, ws, reliable, received: 0, sent: 0, echoing: false, onEcho: null,
      forwardOut: pc.createDataChannel(channelNames[0], channelInit(reliable, 1)),
      backIn: pc.createDataChannel(channelNames[1], channelInit(reliable, 2)),
    };
    l.forwardOut.binaryType = 'arraybuffer';
    l.backIn.binaryType = 'arraybuffer';
    l.forwardOut.bufferedAmountLowThreshold = LOW_WATER;
    l.backIn.onmessage = e => {
      if (l.onEcho) {
        l.onEcho(e.data);
      }
    };
    link = l;
    const pending = [];
    let remoteSet = false;
    const failure = new Promise((_, reject) => {
      ws.onerror = () => reject(new Error('the signaling socket ' + url + ' failed'));
      ws.onclose = e => reject(new Error('the signaling socket closed (' + e.code + ' ' + e.reason + ')'));
    });
    const paired = new Promise(resolve => {
      ws.onmessage = async e => {
        const m = JSON.parse(e.data);
        if (m.type === 'paired') {
          resolve();
        } else if (m.type === 'answer') {
          await pc.setRemoteDescription({type: 'answer', sdp: m.sdp});
          remoteSet = true;
          pending.splice(0).forEach(c => pc.addIceCandidate(c).catch(() => {}));
        } else if (m.type === 'candidate') {
          const c = {candidate: m.candidate, sdpMid: m.sdpMid, sdpMLineIndex: m.sdpMLineIndex};
          if (remoteSet) {
            pc.addIceCandidate(c).catch(() => {});
          } else {
            pending.push(c);
          }
        }
      };
    });
    pc.onicecandidate = e => {
      if (e.candidate && e.candidate.candidate) {
        ws.send(JSON.stringify({type: 'candidate', sdpMid: e.candidate.sdpMid,
          sdpMLineIndex: e.candidate.sdpMLineIndex, candidate: e.candidate.candidate}));
      }
    };
    await within(Promise.race([failure, (async () => {
      await paired;
      await pc.setLocalDescription(await pc.createOffer());
      ws.send(JSON.stringify({type: 'offer', sdp: pc.localDescription.sdp, channels: channelNames.join(',')}));
      await Promise.all([l.forwardOut, l.backIn].map(opened));
    })()]), timeoutMs, 'connecting to the Java robot').catch(e => {
      throw new Error(e.message + ' (ice ' + pc.iceConnectionState + ')');
    });
    failure.catch(() => {}); // the socket closes when the link does
    const maxMessageSize = pc.sctp ? pc.sctp.maxMessageSize : 65536;
    return {setupMillis: performance.now() - start, maxMessageSize};
  }

  function current() {
    if (!link) {
      throw new Error('not connected');
    }
    return link;
  }

  /** Waits until the forward channel's buffer drained below the low mark, or until the deadline. */
  function drained(channel, deadline) {
    return new Promise(resolve => {
      const timer = setTimeout(done, Math.max(0, deadline - performance.now()));
      function done() {
        clearTimeout(timer);
        channel.onbufferedamountlow = null;
        resolve();
      }
      channel.onbufferedamountlow = done;
    });
  }

  /**
   * Sends size-byte messages on the forward channel for durationMs, behind the flow control: above the high mark
   * the sender waits for bufferedamountlow (a page cannot spin-drop: bufferedAmount only falls when the event loop
   * runs). Resolves with the number of messages sent.
   */
  async function flood(size, durationMs) {
    const l = current();
    const channel = l.forwardOut;
    const message = new Uint8Array(size);
    const end = performance.now() + durationMs;
    let sent = 0;
    while (performance.now() < end) {
      if (channel.bufferedAmount > HIGH_WATER) {
        await drained(channel, end);
        continue;
      }
      channel.send(message);
      sent++;
    }
    l.sent += sent;
    return sent;
  }

  /**
   * The ping-pong: the operator sends a 64-byte ping (round number in its first four bytes), the robot echoes it on
   * the back channel, the next ping goes when the echo arrives or after perRoundMs (a lost round). Resolves with the
   * round-trip times in microseconds of the answered rounds after the warm-up rounds, and the lost count.
   */
  async function pingPong(warmUpRounds, rounds, perRoundMs) {
    const l = current();
    const ping = new Uint8Array(64);
    const view = new DataView(ping.buffer);
    const rtts = [];
    let lost = 0;
    l.echoing = true;
    try {
      for (let i = 1; i <= warmUpRounds + rounds; i++) {
        view.setUint32(0, i);
        const answered = new Promise(resolve => {
          const timer = setTimeout(() => resolve(false), perRoundMs);
          l.onEcho = data => {
            if (new DataView(data).getUint32(0) === i) { // a late echo of an earlier round is skipped
              clearTimeout(timer);
              resolve(true);
            }
          };
        });
        const start = performance.now();
        l.forwardOut.send(ping);
        const ok = await answered;
        const rtt = performance.now() - start;
        if (i <= warmUpRounds) {
          continue;
        }
        if (ok) {
          rtts.push(rtt * 1000);
        } else {
          lost++;
        }
      }
    } finally {
      l.echoing = false;
      l.onEcho = null;
    }
    return {rtts, lost};
  }

  function close() {
    if (!link) {
      return;
    }
    const l = link;
    link = null;
    for (const c of [l.forwardOut, l.backIn, l.forwardIn, l.backOut]) {
      if (c) {
        c.onmessage = null;
        c.close();
      }
    }
    l.operator.close();
    if (l.robot) {
      l.robot.close();
    }
    if (l.ws) {
      l.ws.onclose = null;
      l.ws.close();
    }
  }

  window.telefluxBench = {
    prepare: enableAllInterfaces,
    connect,
    connectJava,
    flood,
    pingPong,
    close,
    received: () => (link ? link.received : 0),
    crossOriginIsolated: () => window.crossOriginIsolated === true,
  };
})();
