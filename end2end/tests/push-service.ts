// A stand-in push service for the end-to-end tests: it accepts Web Push messages for
// subscriptions this test created, and decrypts them (RFC 8291, aes128gcm) with the
// subscription's private key, as a browser's push service would hand them to the browser.
import * as crypto from 'node:crypto';
import * as http from 'node:http';

export const PUSH_SERVICE_PORT = 3199;

function hmac(key: Buffer, data: Buffer) {
  return crypto.createHmac('sha256', key).update(data).digest();
}

export class PushService {
  private ecdh = crypto.createECDH('prime256v1');
  private authSecret = crypto.randomBytes(16);
  private server?: http.Server;
  readonly received: { payload: any; headers: http.IncomingHttpHeaders }[] = [];

  constructor() {
    this.ecdh.generateKeys();
  }

  /** What `pushManager.subscribe` would give the page. */
  subscription(name: string) {
    return {
      endpoint: `http://127.0.0.1:${PUSH_SERVICE_PORT}/push/${name}`,
      p256dh: this.ecdh.getPublicKey().toString('base64url'),
      auth: this.authSecret.toString('base64url'),
    };
  }

  decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16);
    const idLength = body[20];
    const serverKey = body.subarray(21, 21 + idLength);
    const ciphertext = body.subarray(21 + idLength);
    const shared = this.ecdh.computeSecret(serverKey);
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), this.ecdh.getPublicKey(), serverKey]);
    const ikm = hmac(hmac(this.authSecret, shared), Buffer.concat([keyInfo, Buffer.from([1])]));
    const prk = hmac(salt, ikm);
    const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
    const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
    const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
    // The plaintext ends with the delimiter 0x02, then zero padding.
    let end = padded.length - 1;
    while (end > 0 && padded[end] === 0) end--;
    return padded.subarray(0, end).toString('utf8');
  }

  async start() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        try {
          if (!String(req.headers.authorization ?? '').startsWith('vapid t=')) throw new Error('no VAPID');
          const payload = JSON.parse(this.decrypt(Buffer.concat(chunks)));
          this.received.push({ payload, headers: req.headers });
          res.writeHead(201).end();
        } catch (e) {
          res.writeHead(400).end(String(e));
        }
      });
    });
    await new Promise<void>((ok) => this.server!.listen(PUSH_SERVICE_PORT, '127.0.0.1', ok));
  }

  async stop() {
    await new Promise((ok) => this.server?.close(ok));
  }
}
