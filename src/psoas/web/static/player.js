/* Psoas Coach: the guided session player in the browser. This file only wires the parts.
 *
 * The rules of play live in player_rules.js (window.PsoasPlayer), a port of the Python player.
 * The page around them is split by job, each adding to the same namespace:
 *   api_client.js       shared with the Breaks page (window.PsoasApi): requests with the CSRF
 *                       token, refusals in plain words
 *   player_api.js       the session API: its retries and the player's own wording
 *   player_view.js      the panels, the live screen and the status line read out
 *   player_controls.js  buttons, keys, the skip dialog, spoken cues, the screen wake lock
 *   player_session.js   one session: the clock, the Player's events, step reports in order
 *   player_forms.js     the start form and the after-session check-in
 * templates/player.html loads them in that order (api_client.js just before player_api.js),
 * rules first and this file last. They are
 * plain files (the CSP allows script from 'self' only, never inline) in the page body, so an
 * htmx-boosted visit, which swaps the body only, loads and runs them too.
 */
(function () {
  "use strict";

  var P = window.PsoasPlayer;

  function setup(root) {
    var view = P.createView(root);
    var controls = P.createControls(root, view);
    var session = P.createSession(root, view, controls);
    controls.attach(session);
    view.carryOnButton.addEventListener("click", session.carryOn);
    P.bindForms(root, view, session);
    // Every panel is hidden in the HTML, so a page without script shows none half-working.
    if (view.panels.start) {
      view.show(view.panels.start);
    }
  }

  /* Once per player element: data-ready guards against a second run on the same page. */
  function init() {
    var root = document.getElementById("player");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "true";
    setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}());
