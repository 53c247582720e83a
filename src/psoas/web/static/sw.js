/* Psoas Coach: the service worker, so the app opens and a session plays with no connection.
 *
 * Served as /sw.js (scope: the whole site) with its settings in the line above this comment
 * (self.PSOAS_OFFLINE, written by web/pages/install.py):
 *   release   a hash of every static file; each cache name carries it, so a new release
 *             replaces the old caches instead of mixing with them
 *   person    whose pages it may keep (null: nobody signed in, so no personal page is kept)
 *   shell     the hashed scripts, styles and icons (kept until the next release)
 *   public    the exercise library and every figure (the same for everyone)
 *   personal  the pages a session needs, kept for this person only
 * Pages and the API are asked of the network first and the kept copy is used only when there
 * is no answer; hashed static files come from the cache first (their address changes with
 * their content). Nothing is fetched from another site. Writes pass through untouched (the
 * pages queue steps themselves, offline_store.js, and send them when the connection returns);
 * one that may change the plan drops this person's kept pages first.
 */
/* global self, caches, fetch, URL, Response */
(function () {
  "use strict";

  var settings = self.PSOAS_OFFLINE;
  var SHELL = "psoas-shell-" + settings.release;
  var PUBLIC = "psoas-public-" + settings.release;
  var PERSONAL = settings.person ? "psoas-pages-" + settings.person + "-" + settings.release : null;
  var KEEP = [SHELL, PUBLIC].concat(PERSONAL ? [PERSONAL] : []);

  /* Fetch and keep each address; one that fails is left for the next visit. */
  function keep(cacheName, urls) {
    return caches.open(cacheName).then(function (cache) {
      return Promise.all(urls.map(function (url) {
        // A redirect (to the sign-in page) is not the page: it is not followed, nor kept.
        return fetch(url, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
          if (response.ok && response.type === "basic") return cache.put(url, response);
          return undefined;
        }).catch(function () { return undefined; });
      }));
    });
  }

  self.addEventListener("install", function (event) {
    event.waitUntil(Promise.all([
      keep(SHELL, settings.shell),
      keep(PUBLIC, settings.public),
      PERSONAL ? keep(PERSONAL, settings.personal) : Promise.resolve()
    ]).then(function () { return self.skipWaiting(); }));
  });

  /* A page asks (offline_sync.js, now and then while online) for the person's pages afresh,
   * so the plan kept is the plan in force, not the one of the first visit. */
  self.addEventListener("message", function (event) {
    if (!event.data || event.data.type !== "refresh" || !PERSONAL) return;
    event.waitUntil(keep(PERSONAL, settings.personal));
  });

  /* Old releases' caches and other people's pages go. */
  self.addEventListener("activate", function (event) {
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("psoas-") === 0 && KEEP.indexOf(name) < 0;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); }));
  });

  function isPersonal(url, request) {
    if (url.pathname.indexOf("/api/v1/plan/session-days") === 0) return true;
    // Whole pages only: a visit, or htmx's boosted visit; not the fragments pages poll for.
    return request.mode === "navigate" || request.headers.get("HX-Boosted") === "true";
  }

  function isPublicFigure(url) {
    return /^\/exercises\/[^/]+\/figure\.svg$/.test(url.pathname);
  }

  /* Pages, and the plan's days as JSON; never a download (the data export is JSON too, and
   * holds everything the person ever recorded). */
  function keepable(url, response) {
    if (response.headers.get("Content-Disposition")) return false;
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("text/html") === 0) return true;
    return type.indexOf("application/json") === 0 &&
      url.pathname.indexOf("/api/v1/plan/session-days") === 0;
  }

  /* The network's answer, kept under `keepIn`; with no answer, the copy kept in `lookIn` (no
   * cache: the offline page, so nobody's pages are served to a visitor signed in as nobody). */
  function networkFirst(request, keepIn, lookIn, key) {
    var url = new URL(request.url);
    return fetch(request).then(function (response) {
      if (keepIn && keepable(url, response) && response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(keepIn).then(function (cache) { return cache.put(key, copy); });
      }
      return response;
    }).catch(function () {
      if (!lookIn) return offlinePage();
      return caches.match(key, { cacheName: lookIn }).then(function (found) {
        // /session?resume=12 or ?time_scale=0.05: the start page as last kept serves.
        return found || caches.match(key, { ignoreSearch: true, cacheName: lookIn });
      }).then(function (found) {
        return found || offlinePage();
      });
    });
  }

  /* A write that can change the plan (a check-in, a profile, an import, a deletion): the kept
   * plan, session page and days go at once, so a session can never start offline from a plan
   * that a new answer (a warning sign) has replaced. The next visit online keeps them afresh.
   * Writes of a session's own steps and of break reminders leave them. */
  function mayChangeThePlan(url) {
    return ["/api/v1/sessions", "/session/", "/api/v1/breaks", "/breaks"].every(function (path) {
      return url.pathname.indexOf(path) !== 0;
    });
  }

  function cacheFirst(request, cacheName) {
    return caches.match(request, { cacheName: cacheName }).then(function (found) {
      return found || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(cacheName).then(function (cache) { return cache.put(request, copy); });
        }
        return response;
      });
    });
  }

  function offlinePage() {
    var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
      "<title>Offline · Psoas Coach</title></head><body><main><h1>No connection</h1>" +
      "<p>This page was not saved on this phone. Your plan, the session player and the " +
      "exercises open without a connection once you have visited them.</p>" +
      "<p><a href=\"/session\">Start a session</a> · <a href=\"/plan\">Your plan</a></p>" +
      "</main></body></html>";
    return new Response(html, {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }
    });
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.method !== "GET") {
      if (PERSONAL && mayChangeThePlan(url)) event.waitUntil(caches.delete(PERSONAL));
      return;
    }
    if (url.pathname.indexOf("/static/") === 0) {
      event.respondWith(cacheFirst(request, SHELL));
    } else if (isPublicFigure(url)) {
      event.respondWith(cacheFirst(request, PUBLIC));
    } else if (url.pathname.indexOf("/exercises") === 0 || url.pathname === "/sources") {
      event.respondWith(networkFirst(request, request.mode === "navigate" ? PUBLIC : null,
        PUBLIC, url.pathname + url.search));
    } else if (isPersonal(url, request)) {
      // Nobody signed in: use the network, keep nothing.
      event.respondWith(networkFirst(request, PERSONAL, PERSONAL, url.pathname + url.search));
    }
  });
}());
