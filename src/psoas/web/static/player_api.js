/* Psoas Coach: the guided player's calls to the session API (PsoasPlayer.api).
 *
 * Every request the player makes goes through here, so the rules for talking to the server live
 * in one place: one retry for the writes that must not be lost, a 409 on a step taken as
 * success, and the player's words for problems the server gives no sentence for. The CSRF token,
 * JSON and the server's own problems in plain words come from api_client.js (window.PsoasApi).
 * Nothing here touches the page but one status line (#player-sync, above the panels): whether
 * the steps are on the server or kept on this phone; the caller decides where a problem is shown.
 *
 * With no connection (offline_store.js, window.PsoasOffline): a new session starts on this
 * phone from the plan the service worker kept, under a client_key of its own; steps and the
 * finish that get no answer are kept on the phone and sent, once each, when it returns.
 */
(function () {
  "use strict";

  // player_rules.js creates the namespace; add to it rather than replace it.
  var P = window.PsoasPlayer = window.PsoasPlayer || {};
  var client = window.PsoasApi;
  var send = client.send;

  /* The answer's JSON, or an Error whose message is what to tell the person. */
  var answer = client.answerWith({
    signedOut: "You are signed out. Sign in again, then carry on from the Session page.",
    fields: { day: "Which day of your plan", pain_before: "Pain right now", pain_after: "Pain now" },
    otherStatus: function (status) {
      return "The server answered " + status + ". Try again in a moment.";
    }
  });

  /* For the writes that must reach the server (steps, finish): one retry when the network
   * fails. An answer of any status is final, so a refused write is never sent twice. */
  function post(url, body) {
    return send("POST", url, body).catch(function () { return send("POST", url, body); });
  }

  /* What to show for a failed call: the server's problem, or that there was no answer. */
  function failure(error) {
    return client.failure(error, "No connection to the server. Try again.");
  }

  function sessionUrl(sessionId) {
    return "/api/v1/sessions/" + sessionId;
  }

  /* -- with no connection (offline_store.js keeps the writes; they are sent when it returns) -- */

  var offline = window.PsoasOffline;
  var sessionsHere = {};  // client_key or id -> what this page knows for a summary made here

  function player() { return document.getElementById("player"); }

  /* The line under the step counter that says where the steps are: on the server, or on
   * this phone until the connection returns. Made here, so the player's markup need not know. */
  function syncLine() {
    var root = player();
    if (!root) return null;
    var line = root.querySelector("#player-sync");
    if (!line) {
      line = document.createElement("p");
      line.id = "player-sync";
      line.className = "player-sync";
      line.setAttribute("role", "status");
      // Above every panel, so it stays in view from the first step to the summary.
      var error = root.querySelector("#player-error");
      root.insertBefore(line, error ? error.nextSibling : root.firstChild);
    }
    return line;
  }

  function say(text) {
    var line = syncLine();
    if (!line) return;
    line.textContent = text;
    line.hidden = !text;
  }

  if (offline) {
    document.addEventListener("psoas:offline", function (event) {
      if (!player()) return;
      if (event.detail.problem) say(event.detail.problem);
      else if (event.detail.pending) {
        say(navigator.onLine ? "Saved on this phone; sending to the server now." :
          "Saved on this phone; will sync when you're back online.");
      } else if (syncLine() && syncLine().textContent) say("Saved on the server.");
    });
  }

  /* A fetch that got no answer at all (as opposed to an answer that refuses). */
  function noAnswer(error) { return !(error && error.status); }

  function clientKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return "k" + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }

  function jsonResponse(data, status) {
    return new Response(JSON.stringify(data),
      { status: status, headers: { "Content-Type": "application/json" } });
  }

  function refusal(message) {
    var error = new Error(message);
    error.status = 400;
    return error;
  }

  /* Every day's steps of the plan in force, as the service worker kept them at the last visit. */
  function offlineDays(timeScale) {
    return fetch("/api/v1/plan/session-days?time_scale=" + timeScale,
      { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("no copy");
        return response.json();
      });
  }

  /* Start on this phone: the session's steps come from the plan kept here; the start is queued
   * under the client_key and sent first when the connection returns. */
  function startHere(body, key) {
    var root = player();
    var threshold = root && root.dataset.severePain ? Number(root.dataset.severePain) : null;
    if (threshold !== null && body.pain_before !== null && body.pain_before >= threshold) {
      return Promise.reject(refusal("At pain " + threshold + " or more, do not start: see a " +
        "doctor or physiotherapist first."));
    }
    if (!offline || !offline.enabled()) {
      return Promise.reject(refusal("No connection to the server. Try again."));
    }
    return offlineDays(body.time_scale).catch(function () {
      throw refusal("No connection, and this phone has no copy of your plan yet: open the " +
        "Session page once while online, then it works without a connection.");
    }).then(function (kit) {
      var day = kit.days.filter(function (each) { return each.day === body.day; })[0];
      if (!day) throw refusal("No connection, and this phone's copy of your plan has no " +
        "session on that day. Choose another day.");
      var start = {
        day: day.day,
        pain_before: body.pain_before,
        client_key: key,
        steps_key: day.steps_key,
        started_at: new Date().toISOString()
      };
      return offline.queue("start", key, start).then(function () {
        say("Saved on this phone; will sync when you're back online.");
        return jsonResponse({
          session: { id: key, plan_day: day.day, status: "partial", steps_done: 0,
            steps_planned: day.steps.length, skipped: [], pain_before: body.pain_before },
          steps: day.steps,
          recorded: {},
          next_step: 0
        }, 201);
      });
    });
  }

  /* A new session. No retry here; the client_key makes a start sent twice (the queued one of
   * a start whose answer was lost) the same session on the server. With no answer at all, the
   * session starts on this phone. */
  function startSession(body) {
    var key = clientKey();
    var request = Object.assign({}, body, { client_key: key });
    sessionsHere[key] = { painBefore: body.pain_before, planned: null, done: 0, skipped: [] };
    return send("POST", "/api/v1/sessions", request).then(function (response) {
      if (response.ok) say("");
      return response;
    }, function () {
      return startHere(body, key);
    });
  }

  function noteStep(sessionId, body) {
    var known = sessionsHere[sessionId] = sessionsHere[sessionId] ||
      { painBefore: null, planned: null, done: 0, skipped: [] };
    if (body.skip_reason) known.skipped.push(body);
    else known.done += 1;
  }

  function queueHere(kind, sessionId, body) {
    return offline.queue(kind, sessionId, body).then(function () {
      say("Saved on this phone; will sync when you're back online.");
      if (navigator.onLine) offline.sync();
    });
  }

  /* A summary for a finish kept on this phone: what this page saw, in the server's shape. */
  function summaryHere(sessionId, body) {
    var known = sessionsHere[sessionId] || { painBefore: null, done: 0, skipped: [] };
    var root = player();
    var planned = root ? Number((root.querySelector('[data-field="steps"]') || {}).textContent) : 0;
    var saved = root ? Number(root.dataset.saved || 0) : 0;
    return {
      id: sessionId,
      status: saved >= planned ? "completed" : "partial",
      steps_done: saved - known.skipped.length,
      steps_planned: planned,
      skipped: known.skipped.map(function (step) {
        return { step_index: step.step_index, reason: step.skip_reason };
      }),
      pain_before: known.painBefore,
      pain_after: body.pain_after === undefined ? null : body.pain_after,
      feel: body.feel || null,
      note: body.note || null
    };
  }

  /* An unfinished session, with its steps timed for this page's time scale. */
  function fetchSession(sessionId, timeScale) {
    return send("GET", sessionUrl(sessionId) + "?time_scale=" + timeScale);
  }

  /* Resolves once the server holds the step; rejects with answer()'s Error otherwise.
   * A 409 means the step was recorded already (a retry that did arrive, or another tab),
   * which is what the player wanted, so it counts as saved. */
  /* How many writes wait on this phone. While any do, a new one queues behind them: sent
   * straight away, a finish could overtake a waiting step and close the session before that
   * step arrived, and the step would then be refused and lost. */
  function waiting() {
    if (!offline || !offline.enabled()) return Promise.resolve(0);
    return offline.pending().catch(function () { return 0; });
  }

  function saveStep(sessionId, body) {
    noteStep(sessionId, body);
    if (typeof sessionId === "string") return queueHere("step", sessionId, body);
    return waiting().then(function (count) {
      if (count) return queueHere("step", sessionId, body);
      return post(sessionUrl(sessionId) + "/steps", body).then(function (response) {
        if (response.ok || response.status === 409) return undefined;
        return answer(response);
      }, function (error) {
        // No answer: the step waits on this phone (it is sent once the connection returns).
        if (noAnswer(error) && offline && offline.enabled()) {
          return queueHere("step", sessionId, body);
        }
        throw error;
      });
    });
  }

  function finishHere(sessionId, body) {
    return queueHere("finish", sessionId, body).then(function () {
      return jsonResponse(summaryHere(sessionId, body), 200);
    });
  }

  function finishSession(sessionId, body) {
    if (typeof sessionId === "string") return finishHere(sessionId, body);
    return waiting().then(function (count) {
      if (count) return finishHere(sessionId, body);  // behind the steps still waiting
      return post(sessionUrl(sessionId) + "/finish", body).catch(function (error) {
        if (noAnswer(error) && offline && offline.enabled()) return finishHere(sessionId, body);
        throw error;
      });
    });
  }

  /* While online, fetch the plan's days once, so the service worker keeps them for a start
   * with no connection. */
  function keepDaysForLater() {
    var root = player();
    if (!root || !navigator.onLine || !offline || !offline.enabled()) return;
    offlineDays(Number(root.dataset.timeScale) || 1).catch(function () { return null; });
  }
  keepDaysForLater();

  P.api = {
    answer: answer,
    failure: failure,
    startSession: startSession,
    fetchSession: fetchSession,
    saveStep: saveStep,
    finishSession: finishSession
  };
}());
