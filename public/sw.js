// Jiayuan service worker: shows pushed notifications, opens the right page on a tap, and
// tells the server each one was shown (the receipt the staff call list relies on).
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

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
