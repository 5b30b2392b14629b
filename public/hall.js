// The hall's screens (the chair's console, the projector, the member's phone) follow the assembly
// live. The page is whole without this script; with it, the stream named by `data-live-src` sends the
// hall's state after every change: numbers (`counts`) are written into the `data-live-count`
// elements at once, and a region (`data-live-region`) whose fingerprint (`keys`) changed is fetched
// again from the page itself and swapped in, so what a reload shows is exactly what the swap shows.
(function () {
  'use strict';
  var root = document.querySelector('[data-live-src]');
  if (!root || typeof window.EventSource !== 'function') return;
  var numbers = new Intl.NumberFormat(document.documentElement.lang || 'da');
  var last = null;
  var busy = false;
  var again = false;
  var watchPresence = root.getAttribute('data-live-refresh-on') === 'present';
  var presenceAt = 0;

  function writeCounts(counts) {
    var els = document.querySelectorAll('[data-live-count]');
    for (var i = 0; i < els.length; i++) {
      var v = counts[els[i].getAttribute('data-live-count')];
      if (typeof v !== 'number') continue;
      var text = numbers.format(v);
      if (els[i].textContent !== text) els[i].textContent = text;
    }
  }

  function staleRegions(keys) {
    var stale = [];
    var els = document.querySelectorAll('[data-live-region]');
    for (var i = 0; i < els.length; i++) {
      var key = keys[els[i].getAttribute('data-live-region')];
      if (typeof key === 'string' && els[i].getAttribute('data-live-key') !== key) stale.push(els[i]);
    }
    return stale;
  }

  function refresh(force) {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    // The page's own address: after a refused form the browser's address is the form's action.
    fetch(root.getAttribute('data-live-page') || window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' }, cache: 'no-store' })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (html === null) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        // Checked in now: from here on only real changes refresh (a ballot being filled in stays).
        watchPresence = fresh.querySelector('[data-live-refresh-on="present"]') !== null;
        var focused = document.activeElement && document.activeElement.id;
        var regions = fresh.querySelectorAll('[data-live-region]');
        for (var i = 0; i < regions.length; i++) {
          var name = regions[i].getAttribute('data-live-region');
          var here = document.querySelector('[data-live-region="' + name + '"]');
          if (!here || (!force && here.getAttribute('data-live-key') === regions[i].getAttribute('data-live-key'))) continue;
          // The element stays (an aria-live region keeps announcing); its content is the page's new one.
          here.replaceChildren.apply(here, Array.prototype.map.call(regions[i].childNodes, function (n) {
            return document.importNode(n, true);
          }));
          here.setAttribute('data-live-key', regions[i].getAttribute('data-live-key'));
        }
        if (focused && document.activeElement === document.body) {
          var back = document.getElementById(focused);
          if (back) back.focus();
        }
        // The page may be a moment older than the stream: its numbers are set to the latest again.
        if (last) writeCounts(last.counts);
      })
      .catch(function () {
        /* the next change tries again */
      })
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          if (last && staleRegions(last.keys).length > 0) refresh();
        }
      });
  }

  var source = new EventSource(root.getAttribute('data-live-src'));
  source.addEventListener('state', function (event) {
    var state;
    try {
      state = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    var before = last;
    last = state;
    writeCounts(state.counts || {});
    if (staleRegions(state.keys || {}).length > 0) refresh(false);
    else if (watchPresence && before && before.counts.present !== state.counts.present && Date.now() - presenceAt > 5000) {
      // A member not yet checked in: the page changes for them when they are (at most every 5 s).
      presenceAt = Date.now();
      refresh(true);
    }
    root.setAttribute('data-live-at', String(Date.now()));
  });
})();
