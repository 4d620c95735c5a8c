// Inlined into every page's <head> by `ServiceWorker` in lib.rs (the server fills in
// __BUILD__ and the two texts). Registers the service worker, shows how many requests it
// keeps on this phone until the network returns, and keeps live regions current.
(function () {
  'use strict';
  // A region marked `data-refresh="<seconds>"` (the volunteer board, a broadcast's progress)
  // is fetched again while the page is in view and replaced with the server's fresh copy.
  // Regions hold plain server-rendered HTML, so nothing in them needs starting again; one the
  // person is typing in is left alone, and one the server no longer marks stops refreshing.
  function refresh(region) {
    var timer = setInterval(function () {
      if (document.hidden || !navigator.onLine || region.contains(document.activeElement)) return;
      fetch(location.href, { credentials: 'same-origin' }).then(function (r) {
        return r.ok && !r.redirected ? r.text() : null;
      }).then(function (html) {
        var fresh = html && new DOMParser().parseFromString(html, 'text/html').getElementById(region.id);
        if (!fresh) return;
        if (fresh.innerHTML !== region.innerHTML) region.innerHTML = fresh.innerHTML;
        if (!fresh.hasAttribute('data-refresh')) clearInterval(timer);
      }).catch(function () {});
    }, 1000 * Number(region.getAttribute('data-refresh')));
  }
  addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-refresh][id]').forEach(refresh);
  });
  // The browser offers to install the app: show the hint the home page keeps hidden.
  var install = null;
  addEventListener('beforeinstallprompt', function (e) {
    e.preventDefault();
    install = e;
    var hint = document.getElementById('install-app');
    if (hint) hint.hidden = false;
  });
  addEventListener('click', function (e) {
    if (!install || !e.target.closest || !e.target.closest('[data-install]')) return;
    install.prompt();
    install = null;
    document.getElementById('install-app').hidden = true;
  });
  if (!('serviceWorker' in navigator)) return;
  var WAITING = "__WAITING__", SENT = "__SENT__", shown = 0;
  addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js?build=__BUILD__');
  });
  function banner(n) {
    var b = document.getElementById('outbox');
    if (!b) {
      if (!n) return;
      b = document.createElement('p');
      b.id = 'outbox';
      b.className = 'outbox-banner';
      b.setAttribute('role', 'status');
      b.setAttribute('data-testid', 'outbox');
      document.body.appendChild(b);
    }
    if (n) b.textContent = WAITING.replace('{n}', n);
    else if (shown) b.textContent = SENT;
    b.hidden = !n && !shown;
    shown = n;
  }
  navigator.serviceWorker.addEventListener('message', function (e) {
    if (e.data && typeof e.data.outbox === 'number') banner(e.data.outbox);
  });
  function ask(what) {
    navigator.serviceWorker.ready.then(function (r) {
      if (r.active) r.active.postMessage(what);
    });
  }
  addEventListener('online', function () { ask('flush'); });
  ask(navigator.onLine ? 'flush' : 'count');
  // The first visit loads before the worker controls the page: ask it to keep this page too.
  if (!navigator.serviceWorker.controller) ask({ keep: location.pathname + location.search });
})();
