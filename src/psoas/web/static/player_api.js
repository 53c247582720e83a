/* Psoas Coach: the guided player's calls to the session API (PsoasPlayer.api).
 *
 * Every request the player makes goes through here, so the rules for talking to the server live
 * in one place: one retry for the writes that must not be lost, a 409 on a step taken as
 * success, and the player's words for problems the server gives no sentence for. The CSRF token,
 * JSON and the server's own problems in plain words come from api_client.js (window.PsoasApi).
 * Nothing here touches the page; the caller decides where a problem is shown.
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
