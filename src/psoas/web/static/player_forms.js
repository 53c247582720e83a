/* Psoas Coach: the guided player's two forms (PsoasPlayer.bindForms).
 *
 * The start form (a new session, or the one to resume) and the check-in after play. Both are
 * sent as JSON by script, so the forms are novalidate and their values are checked here, where
 * a problem can be shown in the player's own error box.
 */
(function () {
  "use strict";

  // player_rules.js creates the namespace; add to it rather than replace it.
  var P = window.PsoasPlayer = window.PsoasPlayer || {};

  /* Pain is optional, but what is typed must be a whole number from 0 to 10. A number input
   * reports text it cannot read as "" with validity.badInput, so that is not taken as empty.
   * The page gives the sentence (data-problem), naming the question in its own words. */
  function readPain(input) {
    var raw = input.value.trim();
    input.removeAttribute("aria-invalid");
    if (raw === "" && !(input.validity && input.validity.badInput)) return { value: null };
    if (!/^\d{1,2}$/.test(raw) || Number(raw) > 10) {
      input.setAttribute("aria-invalid", "true");
      return { problem: input.dataset.problem || "Pain must be a whole number from 0 to 10." };
    }
    return { value: Number(raw) };
  }

  /* The problem in the player's error box, which takes the focus as an error summary does
   * (so it is read out and in view); the question, marked invalid, names the box. */
  function refuse(view, input, problem) {
    view.problem(problem);
    input.setAttribute("aria-errormessage", "player-error");
    var box = document.getElementById("player-error");
    if (box) box.focus();
  }

  /* While a request is out its buttons are disabled, so a second click cannot send it twice. */
  function busy(form, on) {
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (button) {
      button.disabled = on;
    });
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  /* The start form previews the day chosen in its menu (each day's preview is in the page). */
  function showPreviewOf(startForm) {
    var menu = startForm.querySelector("#day");
    if (!menu) return;
    Array.prototype.forEach.call(startForm.querySelectorAll("[data-day-preview]"), function (part) {
      part.hidden = part.dataset.dayPreview !== menu.value;
    });
  }

  function bindForms(root, view, session) {
    var api = P.api;
    var startForm = view.panels.start;
    var checkin = view.panels.checkin;

    if (startForm) {
      showPreviewOf(startForm);
      startForm.addEventListener("change", function (event) {
        if (event.target && event.target.id === "day") showPreviewOf(startForm);
      });
      startForm.addEventListener("submit", function (event) {
        event.preventDefault();
        view.problem("");
        var request;
        if (root.dataset.state === "resume") {
          request = api.fetchSession(session.id(), session.timeScale);
        } else {
          var before = startForm.querySelector("#pain-before");
          var pain = readPain(before);
          if (pain.problem) { refuse(view, before, pain.problem); return; }
          request = api.startSession({
            day: Number(startForm.querySelector("#day").value),
            pain_before: pain.value,
            time_scale: session.timeScale
          });
        }
        busy(startForm, true);
        request.then(api.answer).then(function (state) {
          session.load(state);
        }).catch(function (error) {
          view.problem(api.failure(error));
        }).then(function () { busy(startForm, false); });
      });
    }

    /* Every check-in field is optional; only what was given is sent. */
    checkin.addEventListener("submit", function (event) {
      event.preventDefault();
      view.problem("");
      var after = checkin.querySelector("#pain-after");
      var pain = readPain(after);
      if (pain.problem) { refuse(view, after, pain.problem); return; }
      var feelInput = checkin.querySelector('input[name="feel"]:checked');
      var note = checkin.querySelector("#note").value.trim();
      var body = {};
      if (pain.value !== null) body.pain_after = pain.value;
      if (feelInput) body.feel = feelInput.value;
      if (note) body.note = note;
      busy(checkin, true);
      session.finish(body).then(function (summary) {
        session.showSummary(summary);
      }).catch(function (error) {
        view.problem(api.failure(error));
      }).then(function () { busy(checkin, false); });
    });
  }

  P.bindForms = bindForms;
}());
