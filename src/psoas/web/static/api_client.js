/* Psoas Coach: how the pages' scripts talk to the JSON API (window.PsoasApi).
 *
 * One place for the rules every caller shares: the page's CSRF token on every write, JSON in and
 * out, and a refused request turned into a sentence for the person. What a page says when the
 * server gives no sentence of its own (signed out, a bare status, no answer at all) is the
 * page's to choose, so those words are passed in. Nothing here retries or touches the page.
 *
 * A plain file (the CSP allows script from 'self' only): templates load it before the scripts
 * that use it, and an htmx-boosted visit that runs it again only defines the same functions.
 */
(function () {
  "use strict";

  /* The token the server put in the page's head; every write must echo it back. */
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  /* fetch() with this site's cookies and JSON; the CSRF token on anything but a GET. */
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

  /* What to tell the person about a refused request. FastAPI's detail comes as a list of field
   * problems or one sentence; without either, `words.signedOut` for a 401 and
   * `words.otherStatus(status)` for anything else. A field problem becomes a sentence that names
   * the field as the page does (`words.fields`, e.g. {snooze_min: "Snooze"}): "Snooze must be 5,
   * 10 or 15." Reached only when a page's own controls were bypassed or the two disagree. */
  function fieldSentence(item, names) {
    var field = (item.loc || []).filter(function (part) { return part !== "body"; }).join(".");
    var name = names[field] || field.replace(/_/g, " ");
    var said = String(item.msg || "").replace(/^Value error, /, "").replace(/^Input should be /, "must be ");
    var text = name ? (said.indexOf("must ") === 0 ? name + " " + said : name + ": " + said) : said;
    text = text.charAt(0).toUpperCase() + text.slice(1);
    return /[.!?]$/.test(text) ? text : text + ".";
  }

  function problemText(status, data, words) {
    if (status === 401) return words.signedOut;
    var detail = data && data.detail;
    if (Array.isArray(detail)) {
      return detail.map(function (item) { return fieldSentence(item, words.fields || {}); }).join(" ");
    }
    if (typeof detail === "string") return detail.charAt(0).toUpperCase() + detail.slice(1) + ".";
    return words.otherStatus(status);
  }

  /* A function from fetch's response to its JSON (null if it has none), or a rejection with an
   * Error whose message is problemText()'s and whose status is the answer's. */
  function answerWith(words) {
    return function answer(response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (response.ok) return data;
        var error = new Error(problemText(response.status, data, words));
        error.status = response.status;
        throw error;
      });
    };
  }

  /* An error with a status came from the server; anything else means no answer at all. */
  function failure(error, noAnswer) {
    return error && error.status ? error.message : noAnswer;
  }

  window.PsoasApi = {
    send: send,
    answerWith: answerWith,
    failure: failure
  };
}());
