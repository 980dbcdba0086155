// A push service of our own for the tests (RFC 8030 endpoints), standing where a browser vendor's would: each
// "browser" it makes holds a P-256 key pair and an auth secret as a real one does, and every message posted to it is
// checked (its VAPID JWT, RFC 8292) and decrypted (RFC 8291 over RFC 8188 aes128gcm) with node:crypto alone, so a
// message that reaches a test was really encrypted for that browser and signed with the site's key.
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, randomUUID, verify } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './processes';

export type PushedMessage = { browser: string; ttl: number; urgency: string | null; payload: string; jwt: { aud: string; exp: number; sub: string } };

type Browser = { id: string; ecdh: ReturnType<typeof createECDH>; auth: Buffer; answer: number };

const b64url = (buffer: Buffer) => buffer.toString('base64url');

/** The raw P-256 point (65 bytes) as a key node:crypto verifies with. */
function publicKeyOf(raw: Buffer) {
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(raw.subarray(1, 33)), y: b64url(raw.subarray(33, 65)) }, format: 'jwk' });
}

/** RFC 8292: `vapid t=<JWT>, k=<public key>`; the JWT signed with ES256 by that key, for this endpoint's origin. */
function checkVapid(header: string | undefined, endpointOrigin: string, expectedKey: string): PushedMessage['jwt'] {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+),\s*k=([\w-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`no VAPID authorization: ${header}`);
  const [, jwt, key] = match as unknown as [string, string, string];
  if (key !== expectedKey) throw new Error('signed with another key than the site’s VAPID public key');
  const [head, body, signature] = jwt.split('.') as [string, string, string];
  const header_ = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg: string; typ: string };
  if (header_.alg !== 'ES256') throw new Error(`JWT alg ${header_.alg}`);
  const ok = verify('sha256', Buffer.from(`${head}.${body}`), { key: publicKeyOf(Buffer.from(key, 'base64url')), dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!ok) throw new Error('bad VAPID signature');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as PushedMessage['jwt'];
  if (claims.aud !== endpointOrigin) throw new Error(`JWT aud ${claims.aud}, expected ${endpointOrigin}`);
  const now = Date.now() / 1000;
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) throw new Error(`JWT exp ${claims.exp} not within 24 hours`);
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`JWT sub ${claims.sub}`);
  return claims;
}

/** RFC 8291 §3.4 and RFC 8188 §2: one aes128gcm record, keyed by ECDH with the sender's key and the auth secret. */
export function decryptAes128gcm(body: Buffer, browser: { ecdh: ReturnType<typeof createECDH>; auth: Buffer }): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (idLength !== 65 || senderKey[0] !== 4) throw new Error('the key id is not an uncompressed P-256 point');
  if (record.length > recordSize) throw new Error('more than one record');
  const shared = browser.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browser.ecdh.getPublicKey(), senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, browser.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 2, then any zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A self-signed certificate for 127.0.0.1 (push services are reached over HTTPS only, and web-push speaks nothing else). */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'vmeste-push-'));
  try {
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Certificate = { key: Buffer; cert: Buffer };

/**
 * Where the end-to-end run keeps its push service's certificate: the workers process (started by the e2e global set-up,
 * before any test) trusts it through NODE_EXTRA_CA_CERTS, read once at its start, and the test serves with it.
 */
export const e2ePushCertificateDir = join(projectRoot, 'test-results', 'push-service');

/** Makes a fresh certificate for this run's push service and returns the path of the one to trust. */
export function writePushCertificate(dir = e2ePushCertificateDir): string {
  const certificate = selfSignedCertificate();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'key.pem'), certificate.key, { mode: 0o600 });
  writeFileSync(join(dir, 'cert.pem'), certificate.cert);
  return join(dir, 'cert.pem');
}

export function readPushCertificate(dir = e2ePushCertificateDir): Certificate {
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

export class PushService {
  readonly received: PushedMessage[] = [];
  readonly refused: string[] = [];
  private browsers = new Map<string, Browser>();
  private server: Server;
  origin = '';
  /** The certificate to trust, as a test trusts its own push service (https.globalAgent.options.ca). */
  readonly ca: Buffer;

  constructor(
    private readonly vapidPublicKey: string,
    private readonly certificate: Certificate = selfSignedCertificate(),
  ) {
    this.ca = certificate.cert;
    this.server = createServer({ key: this.certificate.key, cert: this.certificate.cert }, (request, response) => {
      void (async () => {
        const id = /^\/push\/([\w-]+)$/.exec(request.url ?? '')?.[1];
        const browser = id ? this.browsers.get(id) : undefined;
        const body = await readBody(request);
        if (request.method !== 'POST' || !browser) return response.writeHead(404).end();
        if (browser.answer !== 201) return response.writeHead(browser.answer).end();
        try {
          if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error(`content-encoding ${request.headers['content-encoding']}`);
          const ttl = Number(request.headers.ttl);
          if (!Number.isInteger(ttl) || ttl < 0) throw new Error('no TTL header');
          const jwt = checkVapid(request.headers.authorization, this.origin, this.vapidPublicKey);
          this.received.push({ browser: browser.id, ttl, urgency: (request.headers.urgency as string | undefined) ?? null, payload: decryptAes128gcm(body, browser), jwt });
          response.writeHead(201).end();
        } catch (error) {
          this.refused.push((error as Error).message);
          response.writeHead(400).end((error as Error).message);
        }
      })();
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A new browser's subscription, as PushSubscription.toJSON() gives it; `answer` is what its endpoint replies. */
  newBrowser(answer = 201): { id: string; endpoint: string; p256dh: string; auth: string } {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const id = randomUUID();
    const browser = { id, ecdh, auth: randomBytes(16), answer };
    this.browsers.set(id, browser);
    return { id, endpoint: `${this.origin}/push/${id}`, p256dh: b64url(ecdh.getPublicKey()), auth: b64url(browser.auth) };
  }

  /** The browser stops answering (its user cleared it): the push service then says 410 Gone. */
  forget(id: string) {
    this.browsers.get(id)!.answer = 410;
  }

  messagesTo(id: string): { title: string; body: string; url: string; tag: string }[] {
    return this.received.filter((m) => m.browser === id).map((m) => JSON.parse(m.payload) as { title: string; body: string; url: string; tag: string });
  }
}
