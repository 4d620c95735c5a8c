// Jiayuan service worker: keeps the app usable offline (the shell and the pages a resident
// opened lately), shows pushed notifications, opens the right page on a tap, and tells the
// server each one was shown (the receipt the staff call list relies on).
'use strict';

// The page registers `/sw.js?build=<hash of this build's bundle>`, so every release installs
// afresh and precaches its own hashed files; the caches of older builds go on activation.
const BUILD = new URL(self.location.href).searchParams.get('build') || 'dev';
const SHELL = `jiayuan-shell-${BUILD}`;
const PAGES = 'jiayuan-pages';
const OFFLINE = '/offline.html';
const PAGE_LIMIT = 40;
// Pages worth keeping for a resident without a connection: their requests, proposals,
// announcements, services, inbox. Console pages are not cached on the device.
const KEPT = /^\/(|help|help\/new|help\/\d+|volunteer|alerts|projects|projects\/\d+|projects\/ledger|projects\/results|announcements|announcements\/\d+|services|services\/\d+|inbox|forum|forum\/\d+|magazine|magazine\/\d+)$/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    await cache.addAll([OFFLINE, '/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png']);
    // This build's script, bundle and style, as the pages name them.
    const login = await fetch('/login', { credentials: 'omit' });
    const html = await login.text();
    const assets = [...html.matchAll(/(?:href|src)="(\/pkg\/[^"]+)"/g)].map((m) => m[1]);
    await cache.addAll([...new Set(assets)]);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('jiayuan-shell-') && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname in KEEPABLE) {
    event.respondWith(sendOrKeep(request, KEEPABLE[url.pathname]));
    return;
  }
  if (request.method !== 'GET') {
    // Signing out forgets the pages kept for the person who was signed in, and what they
    // left waiting to send.
    if (url.pathname.startsWith('/api/accounts/logout')) {
      event.waitUntil(Promise.all([caches.delete(PAGES), clearOutbox()]));
    }
    // Any other form posted without a network: our offline page, not the browser's error.
    if (request.mode === 'navigate') event.respondWith(fetch(request).catch(() => offlinePage(request)));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request, url));
  } else if (url.pathname.startsWith('/pkg/') || url.pathname.startsWith('/icons/') || url.pathname === '/favicon.svg') {
    event.respondWith(fromShell(request));
  }
});

// Pages: the network first, so people see what is current; the copy kept from the last
// visit when there is no network, or the server says it cannot serve for now (503), marked
// so the page says it is offline.
async function navigate(request, url) {
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {}
  if (response && response.status !== 503) {
    if (response.ok && KEPT.test(url.pathname) && !response.redirected) keepCopy(url.href, response.clone());
    return response;
  }
  const kept = await caches.match(url.href, { cacheName: PAGES, ignoreVary: true });
  if (kept) {
    // Each showing of a kept page gets fresh form keys, as a new rendering by the server
    // would: two different comments written on it offline are two, one sent twice is one.
    const html = (await kept.text())
      .replace('<html', '<html data-offline=""')
      .replace(/(name="key" value=")[^"]*"/g, (_, field) => `${field}${crypto.randomUUID()}"`);
    return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
  return response || offlinePage(request);
}

// ---- The outbox: requests made without a network, sent when it returns -----------------

// What may wait on the phone: forms the server recognises when they come twice. Help
// requests, alerts, replies and comments carry their form's key (ssr::submissions); a
// support is one per person and proposal, so a repeat is refused and changes nothing.
const KEEPABLE = {
  '/api/help/post': () => true,
  '/api/alerts/post': () => true,
  '/api/alerts/reply': () => true,
  '/api/comments/post': () => true,
  '/api/projects/act': (fields) => fields.get('action') === 'Support',
};

// Forms are posted as page loads. Without a network, one that may wait is kept and the
// person is sent back to the page they wrote it on (kept on the phone, with the banner that
// counts what waits); anything else gets the offline page.
// A 503 (the server cannot reach its database) is treated as no network: the form waits.
async function sendOrKeep(request, keepable) {
  const body = await request.clone().text();
  let answer;
  try {
    answer = await fetch(request);
  } catch (offline) {}
  if (answer && answer.status !== 503) return answer;
  if (!keepable(new URLSearchParams(body))) return answer || offlinePage(request);
  await store('readwrite', (s) => s.add({ url: request.url, body, type: request.headers.get('Content-Type'), at: Date.now() }));
  if (self.registration.sync) self.registration.sync.register('outbox').catch(() => {});
  await tell();
  return request.mode === 'navigate' && request.referrer
    ? Response.redirect(request.referrer, 303)
    : new Response(null, { status: 202 });
}

async function offlinePage(request) {
  if (request.mode !== 'navigate') return Response.error();
  return (await caches.match(OFFLINE)) || Response.error();
}

function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('jiayuan-outbox', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('requests', { keyPath: 'id', autoIncrement: true });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

// Runs `work` on the store in one transaction; resolves with its request's result.
async function store(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction('requests', mode);
    const req = work(tx.objectStore('requests'));
    tx.oncomplete = () => resolve(req && req.result);
    tx.onerror = () => reject(tx.error);
  });
}

const waiting = () => store('readonly', (s) => s.getAll());
const clearOutbox = () => store('readwrite', (s) => s.clear());

// Sends what waits, oldest first, one pass at a time. A request leaves the phone once the
// server answered it, even with a refusal it would repeat (signed out, invalid); it stays
// while there is no network, or the server is busy or failing.
let flushing = null;
function flush() {
  flushing = flushing || (async () => {
    try {
      for (const item of await waiting()) {
        let answer;
        try {
          answer = await fetch(item.url, {
            method: 'POST',
            body: item.body,
            headers: { 'Content-Type': item.type || 'application/x-www-form-urlencoded', Accept: 'application/json' },
            credentials: 'same-origin',
          });
        } catch (offline) {
          return;
        }
        if (answer.status >= 500 || answer.status === 429 || answer.status === 408) return;
        await store('readwrite', (s) => s.delete(item.id));
      }
    } finally {
      flushing = null;
      await tell();
    }
  })();
  return flushing;
}

async function tell() {
  const count = (await waiting()).length;
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ outbox: count });
}

self.addEventListener('message', (event) => {
  if (event.data === 'flush') event.waitUntil(flush());
  else if (event.data === 'count') event.waitUntil(tell());
  else if (event.data && event.data.keep) event.waitUntil(keepPage(event.data.keep));
});

self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') event.waitUntil(flush());
});

async function keepCopy(href, response) {
  const cache = await caches.open(PAGES);
  await cache.put(href, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - PAGE_LIMIT))) await cache.delete(old);
}

// A page loaded before this worker took over (the first visit): fetch it once, as a
// navigation through the worker would have, so it opens offline too.
async function keepPage(path) {
  const url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin || !KEPT.test(url.pathname)) return;
  try {
    const response = await fetch(url.href, { credentials: 'same-origin' });
    if (response.ok && !response.redirected) await keepCopy(url.href, response);
  } catch (offline) {
    // Nothing to keep without a network.
  }
}

// Hashed files never change under one name: the cached copy is the right one.
async function fromShell(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(SHELL).then((cache) => cache.put(request, copy));
  }
  return response;
}

// A form-encoded POST, as every server function takes.
function post(path, fields) {
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
    credentials: 'same-origin',
  });
}

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (_) {
    data = { title: event.data ? event.data.text() : '' };
  }
  const title = data.title || '家园 Jiayuan';
  const shown = self.registration.showNotification(title, {
    body: data.body || '',
    icon: '/icons/icon-192.png',
    badge: '/icons/badge-96.png',
    // Updates about the same request replace the earlier notification instead of stacking.
    tag: data.tag || undefined,
    renotify: Boolean(data.tag),
    requireInteraction: Boolean(data.urgent),
    data: { url: data.url || '/inbox', id: data.id },
  });
  // The receipt says "shown": send it only once the notification is on the screen.
  const receipt = shown.then(() => (data.receipt ? post('/api/push/receipt', { token: data.receipt }) : null)).catch(() => {});
  event.waitUntil(receipt);
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || '/inbox', self.location.origin);
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const client of windows) {
      if (new URL(client.url).pathname === target.pathname && 'focus' in client) {
        return client.focus();
      }
    }
    for (const client of windows) {
      if ('navigate' in client) {
        await client.navigate(target.href);
        return client.focus();
      }
    }
    return self.clients.openWindow(target.href);
  })());
});

// The browser replaced the subscription (expiry, key rotation): subscribe again with the
// server's current key and register the new endpoint.
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil((async () => {
    const answer = await post('/api/push/key', {});
    if (!answer.ok) return;
    const key = await answer.json();
    const padded = (key + '==='.slice((key.length + 3) % 4)).replace(/-/g, '+').replace(/_/g, '/');
    const raw = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const subscription = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: raw });
    const json = subscription.toJSON();
    await post('/api/push/subscribe', { endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth });
  })());
});
