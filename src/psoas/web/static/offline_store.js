/* Psoas Coach: what a page saves on this device while there is no connection
 * (window.PsoasOffline), and sending it when the connection returns.
 *
 * One IndexedDB database per person (its name carries the key in <meta name="psoas-offline">;
 * no key, nobody signed in, nothing is kept). Its "outbox" holds the writes in the order they
 * were made: a session's start (under the device's own client_key), its steps, its finish.
 * sync() sends them one at a time, oldest first, and deletes each once the server has it, so
 * each is sent until it arrives and is then gone; the server takes a repeat as the same write
 * (a start with a known client_key, a step already recorded), so an answer lost on the way
 * cannot make a second copy. Its "ids" store maps a client_key to the server's session id.
 */
(function () {
  "use strict";

  var DB_PREFIX = "psoas-offline-";
  var opening = null;
  var openedFor = null;
  var syncing = null;

  /* Read afresh each time: a sign-in by an htmx-boosted form changes it without a new page
   * (offline_sync.js copies the new value into the head). */
  function currentKey() {
    var meta = document.querySelector('meta[name="psoas-offline"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function open() {
    var key = currentKey();
    if (!key || !window.indexedDB) return Promise.reject(new Error("no offline store"));
    if (opening && openedFor === key) return opening;
    openedFor = key;
    opening = new Promise(function (resolve, reject) {
      var request = window.indexedDB.open(DB_PREFIX + key, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore("outbox", { keyPath: "n", autoIncrement: true });
        request.result.createObjectStore("ids");
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { opening = null; reject(request.error); };
    });
    return opening;
  }

  /* One transaction; `work(stores)` may queue requests; resolves with what `work` returned
   * once the transaction has committed. */
  function transact(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(["outbox", "ids"], mode);
        var result;
        tx.oncomplete = function () { resolve(result ? result.value : undefined); };
        tx.onerror = function () { reject(tx.error); };
        result = work({ outbox: tx.objectStore("outbox"), ids: tx.objectStore("ids") });
      });
    });
  }

  function read(request) {
    var holder = { value: undefined };
    request.onsuccess = function () { holder.value = request.result; };
    return holder;
  }

  /* kind: "start" | "step" | "finish"; ref: the server's session id, or the client_key of a
   * session started on this device. */
  function queue(kind, ref, body) {
    return transact("readwrite", function (stores) {
      stores.outbox.add({ kind: kind, ref: ref, body: body, at: new Date().toISOString() });
    }).then(function () { announce(); });
  }

  function items() {
    return transact("readonly", function (stores) { return read(stores.outbox.getAll()); });
  }

  function pending() {
    return items().then(function (all) { return all.length; }).catch(function () { return 0; });
  }

  function remove(n) {
    return transact("readwrite", function (stores) { stores.outbox.delete(n); });
  }

  function mapId(clientKey, sessionId) {
    return transact("readwrite", function (stores) { stores.ids.put(sessionId, clientKey); });
  }

  function idFor(ref) {
    if (typeof ref === "number") return Promise.resolve(ref);
    return transact("readonly", function (stores) { return read(stores.ids.get(ref)); });
  }

  function csrfToken() {
    var tag = document.querySelector('meta[name="csrf-token"]');
    return tag ? tag.getAttribute("content") : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "Content-Type": "application/json",
        "X-CSRF-Token": csrfToken()
      },
      body: JSON.stringify(body)
    });
  }

  /* Tell the page what is where: how many writes wait on this device, and any that the
   * server refused for good (which are dropped: sending them again cannot help). */
  function announce(problem) {
    pending().then(function (count) {
      document.dispatchEvent(new CustomEvent("psoas:offline", {
        detail: { pending: count, problem: problem || "" }
      }));
    });
  }

  /* The server's answer to one write: "done" (stored now or before), "refused" (never will
   * be), or "wait" (no answer, signed out, or the server is in trouble: try later). */
  function verdict(kind, response) {
    if (response.ok) return "done";
    if (response.status === 409 && kind !== "start") return "done";  // recorded or finished
    if (response.status === 401 || response.status === 403 || response.status >= 500) {
      return "wait";
    }
    return "refused";
  }

  function sendOne(item) {
    if (item.kind === "start") {
      return post("/api/v1/sessions", item.body).then(function (response) {
        var outcome = verdict("start", response);
        if (outcome !== "done") return { outcome: outcome, response: response };
        return response.json().then(function (state) {
          return mapId(item.ref, state.session.id).then(function () { return { outcome: "done" }; });
        });
      });
    }
    return idFor(item.ref).then(function (sessionId) {
      if (sessionId === undefined) return { outcome: "refused" };  // its start was refused
      var path = "/api/v1/sessions/" + sessionId + (item.kind === "step" ? "/steps" : "/finish");
      return post(path, item.body).then(function (response) {
        return { outcome: verdict(item.kind, response), response: response };
      });
    });
  }

  function problemOf(item, result) {
    var what = item.kind === "start" ? "A session started on this phone" :
      item.kind === "step" ? "Step " + (item.body.step_index + 1) : "The after-session answers";
    return result.response.json().catch(function () { return null; }).then(function (data) {
      var detail = data && typeof data.detail === "string" ? ": " + data.detail : "";
      return what + " could not be saved on the server" + detail + ".";
    });
  }

  /* Send every waiting write, oldest first; stops at the first that must wait. One run at a
   * time: a second call while one runs gets the same promise. */
  function sync() {
    if (syncing) return syncing;
    if (!currentKey() || !navigator.onLine) return Promise.resolve(false);
    syncing = items().then(function (all) {
      var problem = "";
      var step = function (i) {
        if (i >= all.length) return true;
        var item = all[i];
        return sendOne(item).then(function (result) {
          if (result.outcome === "wait") return false;
          var noted = result.outcome === "refused" && result.response ?
            problemOf(item, result).then(function (text) { problem = text; }) : Promise.resolve();
          return noted.then(function () { return remove(item.n); }).then(function () {
            return step(i + 1);
          });
        }, function () { return false; });  // no connection after all
      };
      return step(0).then(function (done) { announce(problem); return done; });
    }).catch(function () { return false; }).then(function (done) {
      syncing = null;
      return done;
    });
    return syncing;
  }

  /* At sign-out: this person's saved pages and store go (the server also sends
   * Clear-Site-Data). */
  function forget() {
    var jobs = [];
    if (window.caches) {
      jobs.push(window.caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("psoas-pages-") === 0;
        }).map(function (name) { return window.caches.delete(name); }));
      }));
    }
    var key = currentKey();
    if (key && window.indexedDB) {
      jobs.push(open().then(function (db) { db.close(); }).catch(function () { return null; })
        .then(function () {
          opening = null;
          return new Promise(function (resolve) {
            var request = window.indexedDB.deleteDatabase(DB_PREFIX + key);
            request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
          });
        }));
    }
    return Promise.all(jobs);
  }

  window.PsoasOffline = {
    key: currentKey,
    enabled: function () { return Boolean(currentKey()) && Boolean(window.indexedDB); },
    queue: queue,
    pending: pending,
    idFor: idFor,
    sync: sync,
    announce: announce,
    forget: forget
  };
}());
