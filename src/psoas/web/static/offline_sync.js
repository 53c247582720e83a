/* Psoas Coach: on every page, the service worker and the sending of what waits on the device.
 *
 * Registers /sw.js (so the app opens with no connection, see sw.js), sends the writes kept by
 * offline_store.js when the page opens and whenever the connection returns, and says on the
 * page how many wait on this phone. At sign-out it sends what it can first, then forgets this
 * person's saved pages and store.
 */
(function () {
  "use strict";

  var offline = window.PsoasOffline;
  var RETRY_MS = 30000;
  var REFRESH_MS = 5 * 60 * 1000;
  if (!offline) return;

  /* The worker's address names whose it is, so a new person (or nobody) makes the browser
   * install a new worker with that person's caches; the server itself goes by the sign-in. */
  function register() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    var key = offline.key();
    var url = "/sw.js" + (key ? "?for=" + encodeURIComponent(key) : "");
    navigator.serviceWorker.register(url, { scope: "/" }).catch(function () {
      return null;  // the app works online without it
    });
  }
  register();

  /* An htmx-boosted visit swaps the body only: when its page is for someone else (a sign-in
   * by a boosted form), take the new CSRF token and key into the head and register that
   * person's worker. The token changes at each sign-in: without it, the scripts' writes (the
   * player, the outbox) would be refused until a full reload. */
  document.addEventListener("htmx:beforeSwap", function (event) {
    var html = event.detail && event.detail.serverResponse;
    if (typeof html !== "string") return;
    var token = /<meta name="csrf-token" content="([^"]*)">/.exec(html);
    var tokenMeta = document.querySelector('meta[name="csrf-token"]');
    if (token && tokenMeta) tokenMeta.setAttribute("content", token[1]);
    var found = /<meta name="psoas-offline" content="([^"]*)">/.exec(html);
    var meta = document.querySelector('meta[name="psoas-offline"]');
    if (!found || !meta || meta.getAttribute("content") === found[1]) return;
    meta.setAttribute("content", found[1]);
    register();
  });

  /* A line at the top of the page while writes wait on this phone (the player has its own). */
  function showPending(event) {
    var main = document.getElementById("main");
    if (!main || document.getElementById("player")) return;
    var line = document.getElementById("offline-pending");
    var count = event.detail.pending;
    if (!count && !event.detail.problem) {
      if (line) line.remove();
      return;
    }
    if (!line) {
      line = document.createElement("p");
      line.id = "offline-pending";
      line.className = "notice";
      line.setAttribute("role", "status");
      main.insertBefore(line, main.firstChild);
    }
    line.textContent = event.detail.problem || (count + " session record" + (count === 1 ? "" : "s") +
      " saved on this phone; " + (navigator.onLine ? "sending them to the server now." :
        "they will be sent when you're back online."));
  }

  document.addEventListener("psoas:offline", showPending);
  window.addEventListener("online", function () { offline.sync(); });
  // The connection may come back without an "online" event (the server was down, not the
  // network): while something waits, try again now and then.
  window.setInterval(function () {
    offline.pending().then(function (count) { if (count) offline.sync(); });
  }, RETRY_MS);
  document.addEventListener("htmx:afterSettle", function () { offline.announce(); });

  /* Sign-out: send what waits, then clear; if something still cannot be sent, ask first. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.getAttribute("action") !== "/logout" || form.dataset.cleared) return;
    event.preventDefault();
    event.stopPropagation();
    offline.sync().then(offline.pending).then(function (count) {
      if (count && !window.confirm(count + " session records on this phone have not reached " +
          "the server yet. Signing out deletes them. Sign out anyway?")) {
        return false;
      }
      return offline.forget().then(function () { return true; });
    }).then(function (go) {
      if (!go) return;
      form.dataset.cleared = "true";
      form.submit();  // a plain post: its answer's Clear-Site-Data applies to the whole site
    });
  }, true);

  /* While online, at most every few minutes: the worker fetches this person's pages again. */
  function refreshKept() {
    var key = offline.key();
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!key || !worker || !navigator.onLine) return;
    var mark = "psoas-refreshed-" + key;
    var last = Number(window.localStorage.getItem(mark) || 0);
    if (Date.now() - last < REFRESH_MS) return;
    window.localStorage.setItem(mark, String(Date.now()));
    worker.postMessage({ type: "refresh" });
  }

  function start() {
    offline.sync().then(function () { offline.announce(); });
    try { refreshKept(); } catch (e) { /* storage refused: the pages visited are kept anyway */ }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}());
