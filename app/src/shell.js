// Inlined into every page's <head> by `ServiceWorker` in lib.rs (the server fills in
// __BUILD__ and the two texts). Registers the service worker and shows how many requests it
// keeps on this phone until the network returns.
(function () {
  'use strict';
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
  // Pages opened inside the app change the address without a page load: ask the worker to
  // keep a copy of each, as it does for pages loaded in full, so they open offline too.
  function keep() { ask({ keep: location.pathname + location.search }); }
  var pushState = history.pushState;
  history.pushState = function () {
    var result = pushState.apply(this, arguments);
    keep();
    return result;
  };
  addEventListener('popstate', keep);
  ask(navigator.onLine ? 'flush' : 'count');
})();
