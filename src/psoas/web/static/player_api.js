/* Psoas Coach: the guided player's calls to the session API (PsoasPlayer.api).
 *
 * Every request the player makes goes through here, so the rules for talking to the server live
 * in one place: the CSRF token on every write, one retry for the writes that must not be lost,
 * a 409 on a step taken as success, and server problems turned into sentences for the person.
 * Nothing here touches the page; the caller decides where a problem is shown.
 */
(function () {
  "use strict";

  // player_rules.js creates the namespace; add to it rather than replace it.
  var P = window.PsoasPlayer = window.PsoasPlayer || {};

  /* The token the server put in the page's head; every write must echo it back. */
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function send(method, url, body) {
    var init = {
      method: method,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    };
    if (method !== "GET") init.headers["X-CSRF-Token"] = csrfToken();
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(url, init);
  }

  /* For the writes that must reach the server (steps, finish): one retry when the network
   * fails. An answer of any status is final, so a refused write is never sent twice. */
  function post(url, body) {
    return send("POST", url, body).catch(function () { return send("POST", url, body); });
  }

  /* The answer's JSON, or an Error whose message is what to tell the person. */
  function answer(response) {
    return response.json().catch(function () { return null; }).then(function (data) {
      if (response.ok) return data;
      var error = new Error(problemText(response.status, data));
      error.status = response.status;
      throw error;
    });
  }

  /* FastAPI's detail comes as a list of field problems (validation) or one sentence. */
  function problemText(status, data) {
    if (status === 401) {
      return "You are signed out. Sign in again, then carry on from the Session page.";
    }
    var detail = data && data.detail;
    if (Array.isArray(detail)) {
      return detail.map(function (item) {
        var field = (item.loc || []).filter(function (part) { return part !== "body"; }).join(".");
        return (field ? field.replace(/_/g, " ") + ": " : "") + item.msg;
      }).join(" ");
    }
    if (typeof detail === "string") return detail.charAt(0).toUpperCase() + detail.slice(1) + ".";
    return "The server answered " + status + ". Try again in a moment.";
  }

  /* An error with a status came from the server; anything else means no answer at all. */
  function failure(error) {
    return error && error.status ? error.message : "No connection to the server. Try again.";
  }

  function sessionUrl(sessionId) {
    return "/api/v1/sessions/" + sessionId;
  }

  /* A new session. No retry: a lost answer must not start a second session. */
  function startSession(body) {
    return send("POST", "/api/v1/sessions", body);
  }

  /* An unfinished session, with its steps timed for this page's time scale. */
  function fetchSession(sessionId, timeScale) {
    return send("GET", sessionUrl(sessionId) + "?time_scale=" + timeScale);
  }

  /* Resolves once the server holds the step; rejects with answer()'s Error otherwise.
   * A 409 means the step was recorded already (a retry that did arrive, or another tab),
   * which is what the player wanted, so it counts as saved. */
  function saveStep(sessionId, body) {
    return post(sessionUrl(sessionId) + "/steps", body).then(function (response) {
      if (response.ok || response.status === 409) return undefined;
      return answer(response);
    });
  }

  function finishSession(sessionId, body) {
    return post(sessionUrl(sessionId) + "/finish", body);
  }

  P.api = {
    answer: answer,
    failure: failure,
    startSession: startSession,
    fetchSession: fetchSession,
    saveStep: saveStep,
    finishSession: finishSession
  };
}());
