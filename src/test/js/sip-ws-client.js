'use strict';
// A tiny scriptable SIP-over-WebSocket user agent client (RFC 7118) for Ferry's sample-application
// ITs: runs one scenario against a SIP WebSocket endpoint and checks the wire. Prints one line per
// check and ends with "N passed, N failed"; the exit code is the number of failures.
//
//   node sip-ws-client.js --url ws://127.0.0.1:PORT/APP/sip --scenario invite|message|options|callback
//        [--ruri sip:uas@example.com] [--from-user alice] [--test-id ID] [--origin https://app.example.com]
//        [--forwarded-for 198.51.100.7]     (X-Forwarded-For: the client address a trusted proxy reports)
//        [--expect "X-Header: value"]...   (headers the final response must carry, exact values)
//
// callback: a MESSAGE "call me back", answered 200, then an OPTIONS from the server on this same
// WebSocket (the only way to reach a ".invalid" client), which is checked and answered 200.
// As RFC 7118 §5 asks of a WebSocket client: Via is SIP/2.0/WS with an invented ".invalid" host,
// Contact has ";transport=ws" and a ".invalid" host, and every message is one text frame.
const WebSocket = require('ws');
const crypto = require('crypto');

const argv = process.argv.slice(2);
const args = { expect: [] };
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, '');
  if (key === 'expect') args.expect.push(argv[i + 1]);
  else args[key] = argv[i + 1];
}
const scenario = args.scenario || 'options';
const ruri = args.ruri || 'sip:service@ferry.example';
const fromUser = args['from-user'] || 'alice';
const testId = args['test-id'] || `node-${Date.now()}`;
let passed = 0;
let failed = 0;

function rand() {
  return crypto.randomBytes(6).toString('hex');
}

function check(name, cond, detail) {
  if (cond) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}: ${detail === undefined ? '' : detail}`);
  }
  return cond;
}

// Parses one SIP message: {startLine, status, headers: [[lowercase-name, value]], body}.
const COMPACT = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type' };
function parse(text) {
  const end = text.indexOf('\r\n\r\n');
  const head = (end < 0 ? text : text.slice(0, end)).replace(/\r\n[ \t]+/g, ' ');
  const body = end < 0 ? '' : text.slice(end + 4);
  const lines = head.split('\r\n');
  const headers = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      headers.push([COMPACT[name] || name, line.slice(colon + 1).trim()]);
    }
  }
  const m = /^SIP\/2\.0 (\d{3})/.exec(lines[0]);
  return {
    startLine: lines[0],
    status: m ? Number(m[1]) : -1,
    headers,
    body,
    all: (n) => headers.filter(([k]) => k === n.toLowerCase()).map(([, v]) => v),
    get: (n) => headers.filter(([k]) => k === n.toLowerCase()).map(([, v]) => v)[0],
  };
}

function param(value, name) {
  const m = new RegExp(`;\\s*${name}(?:=([^;,>\\s]*))?`, 'i').exec(value || '');
  return m ? (m[1] === undefined ? '' : m[1]) : undefined;
}

function uriOf(addr) {
  const m = /<([^>]+)>/.exec(addr || '');
  return m ? m[1] : (addr || '').split(';')[0].trim();
}

const host = `${rand()}.invalid`;
const callId = `${testId}-${rand()}`;
const fromTag = rand();
const contact = `<sip:${fromUser}@${host};transport=ws>`;
const from = `"${fromUser}" <sip:${fromUser}@ferry.example>;tag=${fromTag}`;
const to = `<${ruri}>`;

function request(method, uri, cseq, branch, toValue, extra, body, contentType) {
  let msg = `${method} ${uri} SIP/2.0\r\n` +
    `Via: SIP/2.0/WS ${host};branch=${branch};rport\r\n` +
    `Max-Forwards: 70\r\nFrom: ${from}\r\nTo: ${toValue}\r\nCall-ID: ${callId}\r\nCSeq: ${cseq} ${method}\r\n` +
    `X-Ferry-Test: ${testId}\r\n${extra}`;
  if (body) msg += `Content-Type: ${contentType}\r\n`;
  return `${msg}Content-Length: ${Buffer.byteLength(body || '')}\r\n\r\n${body || ''}`;
}

// Reads SIP messages off the socket in order.
function inbox(ws) {
  const queue = [];
  const waiters = [];
  ws.on('message', (data) => {
    const text = data.toString();
    if (text.trim() === '') return; // keep-alive
    const w = waiters.shift();
    if (w) w(text); else queue.push(text);
  });
  return (timeoutMs = 10000) => new Promise((resolve, reject) => {
    if (queue.length) return resolve(parse(queue.shift()));
    const t = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
    waiters.push((text) => { clearTimeout(t); resolve(parse(text)); });
    return undefined;
  });
}

// The checks every response to a request of ours gets (RFC 3261 §8.2.6.2, §18.2.2; RFC 3581 §4; RFC 7118 §5).
function checkResponse(label, r, branch, cseq, method, toTagRequired = true) {
  const via = r.get('via') || '';
  check(`${label}: one Via, ours, with the same branch`, r.all('via').length === 1 && param(via, 'branch') === branch
    && via.startsWith('SIP/2.0/WS ') && via.includes(host), via);
  check(`${label}: Via has received and rport filled`, param(via, 'received') !== undefined && /^\d+$/.test(param(via, 'rport') || ''), via);
  check(`${label}: Call-ID, From tag and CSeq echoed`, r.get('call-id') === callId && param(r.get('from'), 'tag') === fromTag
    && (r.get('cseq') || '').replace(/\s+/g, ' ') === `${cseq} ${method}`, `${r.get('call-id')} ${r.get('from')} ${r.get('cseq')}`);
  if (toTagRequired) check(`${label}: To has a tag`, !!param(r.get('to'), 'tag'), r.get('to'));
  check(`${label}: no Record-Route (no proxy on the path)`, r.all('record-route').length === 0, r.all('record-route').join(', '));
}

function checkExpected(r) {
  for (const e of args.expect) {
    const colon = e.indexOf(':');
    const name = e.slice(0, colon).trim();
    const value = e.slice(colon + 1).trim();
    check(`final response has ${name}: ${value}`, r.all(name).includes(value), `${name}: ${r.all(name).join(' | ')}`);
  }
}

async function finalResponse(next) {
  for (;;) {
    const r = await next();
    if (r.status >= 200) return r;
    check(`only 100 before the final response to a non-INVITE`, r.status === 100, r.startLine);
  }
}

async function nonInvite(ws, next, method, body, contentType) {
  const branch = `z9hG4bK${rand()}`;
  ws.send(request(method, ruri, 1, branch, to, method === 'OPTIONS' ? 'Accept: application/sdp\r\n' : '', body, contentType));
  const r = await finalResponse(next);
  check(`${method} answered 200`, r.status === 200, r.startLine);
  checkResponse(`200 to ${method}`, r, branch, 1, method);
  checkExpected(r);
}

const SDP = ['v=0', `o=${fromUser} 2890844526 2890844526 IN IP4 ${host}`, 's=-', 'c=IN IP4 203.0.113.7', 't=0 0',
  'm=audio 49170 RTP/SAVPF 0', 'a=rtpmap:0 PCMU/8000', ''].join('\r\n');

async function invite(ws, next) {
  const branch = `z9hG4bK${rand()}`;
  ws.send(request('INVITE', ruri, 1, branch, to, `Contact: ${contact}\r\n`, SDP, 'application/sdp'));
  let r = await next();
  if (r.status === 100) {
    // RFC 3261 §8.2.6.1: a 100 may lack the To tag
    checkResponse('100 Trying', r, branch, 1, 'INVITE', false);
    r = await next();
  }
  check('INVITE rings: 180', r.status === 180, r.startLine);
  checkResponse('180', r, branch, 1, 'INVITE');
  const ringTag = param(r.get('to'), 'tag');
  const ok = await next();
  check('INVITE answered: 200', ok.status === 200, ok.startLine);
  checkResponse('200 to INVITE', ok, branch, 1, 'INVITE');
  const toTag = param(ok.get('to'), 'tag');
  check('180 and 200 carry the same To tag (one dialog, RFC 3261 §12.1.1)', ringTag === toTag, `${ringTag} vs ${toTag}`);
  const remoteTarget = uriOf(ok.get('contact'));
  check('200 has a Contact with a SIP URI (RFC 3261 §12.1.1)', /^sips?:/.test(remoteTarget), ok.get('contact'));
  check('200 carries an SDP answer (RFC 3264)', /application\/sdp/i.test(ok.get('content-type') || '') && /m=audio \d+ /.test(ok.body),
    `${ok.get('content-type')} ${ok.body}`);
  checkExpected(ok);
  // RFC 3261 §12.2.1.1: in-dialog requests go to the remote target, with the route set (none here)
  const routes = ok.all('record-route').slice().reverse();
  const routeHeader = routes.length ? `Route: ${routes.join(', ')}\r\n` : '';
  const dialogTo = `${to};tag=${toTag}`;
  ws.send(request('ACK', remoteTarget, 1, `z9hG4bK${rand()}`, dialogTo, routeHeader, '', ''));
  const byeBranch = `z9hG4bK${rand()}`;
  ws.send(request('BYE', remoteTarget, 2, byeBranch, dialogTo, routeHeader, '', ''));
  const byeOk = await finalResponse(next);
  check('BYE answered 200', byeOk.status === 200, byeOk.startLine);
  checkResponse('200 to BYE', byeOk, byeBranch, 2, 'BYE');
  check('200 to BYE keeps the dialog\'s To tag', param(byeOk.get('to'), 'tag') === toTag, byeOk.get('to'));
}

function responseTo(req, status, reason) {
  const lines = [`SIP/2.0 ${status} ${reason}`];
  for (const v of req.all('via')) lines.push(`Via: ${v}`);
  lines.push(`From: ${req.get('from')}`, `To: ${req.get('to')}${param(req.get('to'), 'tag') ? '' : `;tag=${rand()}`}`,
    `Call-ID: ${req.get('call-id')}`, `CSeq: ${req.get('cseq')}`, 'Content-Length: 0', '', '');
  return lines.join('\r\n');
}

async function callback(ws, next) {
  await nonInvite(ws, next, 'MESSAGE', 'call me back', 'text/plain;charset=UTF-8');
  const req = await next();
  check('the server sends an OPTIONS on this WebSocket', req.startLine.startsWith('OPTIONS '), req.startLine);
  check('its Request-URI is our From URI', req.startLine === `OPTIONS sip:${fromUser}@ferry.example SIP/2.0`, req.startLine);
  const via = req.get('via') || '';
  check('its top Via is a WebSocket Via with an RFC 3261 branch', /^SIP\/2\.0\/WSS? /i.test(via)
    && (param(via, 'branch') || '').startsWith('z9hG4bK'), via);
  check('its From has a tag and its To none (RFC 3261 §8.1.1)', !!param(req.get('from'), 'tag') && !param(req.get('to'), 'tag'),
    `${req.get('from')} / ${req.get('to')}`);
  check('its CSeq method is OPTIONS and Max-Forwards is there', /^\d+ OPTIONS$/.test((req.get('cseq') || '').replace(/\s+/g, ' '))
    && /^\d+$/.test(req.get('max-forwards') || ''), `${req.get('cseq')} ${req.get('max-forwards')}`);
  ws.send(responseTo(req, 200, 'OK'));
}

async function main() {
  const headers = { 'X-Forwarded-For': args['forwarded-for'] || `203.0.113.${1 + Math.floor(Math.random() * 250)}` };
  if (args.origin) headers.Origin = args.origin;
  const ws = await new Promise((resolve, reject) => {
    const s = new WebSocket(args.url, ['sip'], { headers, handshakeTimeout: 10000 });
    s.on('open', () => resolve(s));
    s.on('unexpected-response', (req, res) => reject(new Error(`handshake refused: ${res.statusCode} ${res.headers['x-ferry-refusal'] || ''}`)));
    s.on('error', reject);
  });
  check('WebSocket upgraded with subprotocol sip (RFC 7118 §4)', ws.protocol === 'sip', ws.protocol);
  const next = inbox(ws);
  if (scenario === 'invite') await invite(ws, next);
  else if (scenario === 'message') await nonInvite(ws, next, 'MESSAGE', `hello from ${fromUser}`, 'text/plain;charset=UTF-8');
  else if (scenario === 'options') await nonInvite(ws, next, 'OPTIONS');
  else if (scenario === 'callback') await callback(ws, next);
  else throw new Error(`unknown scenario ${scenario}`);
  ws.close(1000);
}

main()
  .catch((e) => { check('scenario ran to the end', false, e.message); })
  .finally(() => {
    console.log(`test-id ${testId} call-id ${callId}`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed;
  });
