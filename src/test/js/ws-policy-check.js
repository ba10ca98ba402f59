'use strict';
// Drives Ferry's SIP WebSocket endpoint with the `ws` library, the WebSocket client of JsSIP in
// Node: every handshake-policy branch and the message rules of RFC 7118. Prints one line per
// check and ends with "N passed, N failed"; the exit code is the number of failures.
// Usage: node ws-policy-check.js --url ws://127.0.0.1:PORT/ferry-test/sip [--token TOKEN]
const WebSocket = require('ws');

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const url = args.url;
const token = args.token;
let passed = 0;
let failed = 0;

function ip() {
  return `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
}

function options(branch, callId, extra = '') {
  return `OPTIONS sip:ferry@127.0.0.1 SIP/2.0\r\n` +
    `Via: SIP/2.0/WS n0de${branch}.invalid;branch=z9hG4bK${branch};rport\r\n` +
    `Max-Forwards: 70\r\nTo: <sip:ferry@127.0.0.1>\r\nFrom: <sip:node@example.com>;tag=n${branch}\r\n` +
    `Call-ID: ${callId}\r\nCSeq: 1 OPTIONS\r\n${extra}Content-Length: 0\r\n\r\n`;
}

// Opens a WebSocket; resolves with {ws} on open or {status} when the handshake is refused.
function open(headers = {}, protocols = ['sip'], query = '', wsOptions = {}) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url + query, protocols, {
      headers: { 'X-Forwarded-For': ip(), ...headers },
      handshakeTimeout: 10000,
      ...wsOptions,
    });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (req, res) => {
      resolve({ status: res.statusCode, refusal: res.headers['x-ferry-refusal'] });
      req.destroy();
    });
    ws.on('error', (e) => resolve({ error: e.message }));
  });
}

function nextMessage(ws, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no message')), timeoutMs);
    ws.once('message', (data) => { clearTimeout(t); resolve(data.toString()); });
  });
}

function closed(ws, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('not closed')), timeoutMs);
    ws.once('close', (code, reason) => { clearTimeout(t); resolve({ code, reason: reason.toString() }); });
  });
}

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

async function main() {
  await check('good Origin: upgraded with subprotocol sip', async () => {
    const r = await open({ Origin: 'https://app.example.com' });
    expect(r.ws, `refused: ${JSON.stringify(r)}`);
    expect(r.ws.protocol === 'sip', `protocol ${r.ws.protocol}`);
    r.ws.close();
  });
  await check('bad Origin: 403 origin_not_allowed', async () => {
    const r = await open({ Origin: 'https://attacker.example.net' });
    expect(r.status === 403 && r.refusal === 'origin_not_allowed', JSON.stringify(r));
  });
  await check('no subprotocol: 400', async () => {
    const r = await open({}, []);
    expect(r.status === 400 && r.refusal === 'no_supported_subprotocol', JSON.stringify(r));
  });
  await check('wrong token: 401; right token: upgraded', async () => {
    const bad = await open({}, ['sip'], '?token=wrong');
    expect(bad.status === 401, JSON.stringify(bad));
    const good = await open({ Authorization: `Bearer ${token}` });
    expect(good.ws, JSON.stringify(good));
    good.ws.close();
  });
  await check('quota: fourth connection from one address is 429', async () => {
    const addr = ip();
    const conns = [];
    for (let i = 0; i < 3; i++) {
      const r = await open({ 'X-Forwarded-For': addr });
      expect(r.ws, `connection ${i + 1} refused: ${JSON.stringify(r)}`);
      conns.push(r.ws);
    }
    const fourth = await open({ 'X-Forwarded-For': addr });
    conns.forEach((c) => c.close());
    expect(fourth.status === 429 && fourth.refusal === 'too_many_connections', JSON.stringify(fourth));
  });
  await check('OPTIONS answered 200 with received and rport', async () => {
    const addr = ip();
    const r = await open({ 'X-Forwarded-For': addr });
    const reply = nextMessage(r.ws);
    r.ws.send(options('a1', 'node-a1'));
    const text = await reply;
    r.ws.close();
    expect(text.startsWith('SIP/2.0 200 OK'), text);
    expect(text.includes(`received=${addr}`), text);
    expect(/rport=\d+/.test(text), text);
  });
  await check('fragmented message is reassembled', async () => {
    const r = await open();
    const reply = nextMessage(r.ws);
    const msg = options('f1', 'node-f1');
    const half = Math.floor(msg.length / 2);
    r.ws.send(msg.slice(0, half), { fin: false });
    r.ws.send(msg.slice(half), { fin: true });
    const text = await reply;
    r.ws.close();
    expect(text.startsWith('SIP/2.0 200 OK'), text);
  });
  await check('CRLF keepalive is answered', async () => {
    const r = await open();
    const reply = nextMessage(r.ws);
    r.ws.send('\r\n\r\n');
    const text = await reply;
    r.ws.close();
    expect(text === '\r\n', JSON.stringify(text));
  });
  await check('oversize message closes 1009', async () => {
    const r = await open();
    const done = closed(r.ws);
    r.ws.send(options('o1', 'node-o1', `X-Pad: ${'p'.repeat(9000)}\r\n`));
    const c = await done;
    expect(c.code === 1009, JSON.stringify(c));
  });
  await check('server pings are answered by ws and the flow stays up', async () => {
    const r = await open();
    let pings = 0;
    r.ws.on('ping', () => { pings++; });
    await new Promise((res) => setTimeout(res, 3500));
    const reply = nextMessage(r.ws);
    r.ws.send(options('p1', 'node-p1'));
    const text = await reply;
    r.ws.close();
    expect(pings >= 2, `pings ${pings}`);
    expect(text.startsWith('SIP/2.0 200 OK'), text);
  });
  await check('a peer that does not pong is closed', async () => {
    const r = await open({}, ['sip'], '', { autoPong: false });
    const c = await closed(r.ws, 15000);
    expect(c.code === 1001, JSON.stringify(c));
  });
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed;
}

main().catch((e) => { console.log(`FAIL harness: ${e.stack}`); console.log(`${passed} passed, ${failed + 1} failed`); process.exitCode = 1; });
