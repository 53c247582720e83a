/* Psoas Coach: what the guided player shows (PsoasPlayer.createView).
 *
 * Owns the panels, the error box, the live screen and the status line that screen readers hear.
 * It is told what to show and never decides what happens next, so the session and the controls
 * can change without touching the wording, and the wording without touching the timing.
 */
(function () {
  "use strict";

  // player_rules.js creates the namespace; add to it rather than replace it.
  var P = window.PsoasPlayer = window.PsoasPlayer || {};

  var PHASES = { release: "Release", lengthen: "Lengthen", strengthen: "Strengthen", move: "Keep moving" };
  var STAGES = {
    "get-ready": "Get ready",
    "hold": "Hold",
    "rep-transition": "Lower and reset",
    "rest": "Rest",
    "switch-sides": "Switch sides",
    "paused": "Paused",
    "done": "Done"
  };
  var FEELS = { tighter: "Tighter", same: "The same", looser: "Looser" };
  var REASONS = {
    "pain": "pain", "no-time": "no time", "no-equipment": "no equipment", "other": "another reason"
  };

  /* Whole seconds, rounded up so a count never shows 0 while time is left; m:ss from a minute. */
  function seconds(value) {
    var whole = Math.ceil(value - 1e-9);
    if (whole < 60) return String(whole);
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function capitalise(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function createView(root) {
    var $ = function (selector) { return root.querySelector(selector); };
    var field = function (panel, name) {
      return panel.querySelector('[data-field="' + name + '"]');
    };
    var startForm = $("#player-start");  // absent when the page has nothing to start
    var live = $("#player-live");
    var checkin = $("#player-checkin");
    var summaryPanel = $("#player-summary");
    var errorBox = $("#player-error");
    var statusLine = $("#player-status");
    var pauseButton = live.querySelector('[data-action="pause"]');
    var nextButton = live.querySelector('[data-action="next"]');
    var carryOnButton = checkin.querySelector('[data-action="carry-on"]');
    // What each live field shows now. The screen is drawn at 5 Hz or faster; writing only what
    // changed keeps the DOM (and screen readers watching it) quiet between changes.
    var lastDrawn = {};

    /* One panel at a time; data-panel lets tests and styles see which. */
    function show(panel) {
      var changed = panel && panel.hidden;
      [startForm, live, checkin, summaryPanel].forEach(function (each) {
        if (each) each.hidden = each !== panel;
      });
      root.dataset.panel = panel ? panel.id.replace("player-", "") : "";
      // The start button may sit far down a long day preview: a new panel starts at the top of
      // the page, so the countdown and the controls are on a phone's screen, not above it.
      if (changed) window.scrollTo(0, 0);
    }

    /* A new panel moves focus to its heading, so keyboard and screen reader users follow. */
    function focusHeading(panel) {
      var heading = panel.querySelector("h2");
      if (heading) heading.focus();
    }

    function problem(text) {
      errorBox.textContent = text;
      errorBox.hidden = !text;
    }

    function setField(name, text) {
      if (lastDrawn[name] === text) return;
      lastDrawn[name] = text;
      var element = field(live, name);
      element.textContent = text;
      element.hidden = text === "";
    }

    /* A fresh start of the live screen draws every field again. */
    function forget() {
      lastDrawn = {};
    }

    /* The status line is a polite live region: it is written at each new stage and cue, never
     * every second, so a screen reader is not talked over by the countdown. */
    function announce(text) {
      statusLine.textContent = text;
    }

    /* A visible note until the next stage, also read out. */
    function hint(text) {
      setField("hint", text);
      if (text) announce(text);
    }

    /* What to read out when a stage starts. readView gives the player's view; it is only asked
     * for when the stage needs it, as there is no step to describe once the session is done. */
    function stageText(kind, readView) {
      if (kind === "done") return "Session finished.";
      var view = readView();
      var where = view.exerciseName + (view.side ? ", " + view.side + " side" : "");
      var length = seconds(view.remaining) + " seconds";
      if (kind === "hold") return "Hold " + length + ". " + where + ".";
      if (kind === "get-ready") return "Get ready: " + where + ".";
      if (kind === "rep-transition") {
        return "Lower and reset for rep " + view.rep + " of " + view.reps + ".";
      }
      return STAGES[kind] + " " + length + ".";
    }

    /* The live screen from the player's view. lastCue stays up through a stage without a cue. */
    function drawLive(view, paused, finished, lastCue) {
      root.dataset.stage = view.stage;
      root.dataset.step = String(view.stepIndex);
      setField("step", String(view.stepIndex + 1));
      setField("phase", PHASES[view.phase] || capitalise(view.phase));
      setField("exercise", view.exerciseName);
      setField("side", view.side ? capitalise(view.side) + " side" : "Both sides");
      setField("set", "· Set " + view.setNumber + " of " + view.sets);
      setField("rep", view.reps && view.rep ? "· Rep " + view.rep + " of " + view.reps : "");
      setField("stage", view.stage === "paused"
        ? "Paused (" + STAGES[view.timedStage].toLowerCase() + ")"
        : STAGES[view.stage]);
      setField("count", seconds(view.remaining));
      setField("cue", view.cue || lastCue);
      setField("next", view.nextUp || "");
      setField("equipment", "Have ready: " + (view.equipment.join("; ") || "the floor"));
      if (lastDrawn.paused !== paused) {
        lastDrawn.paused = paused;
        pauseButton.textContent = paused ? "Resume" : "Pause";
        root.classList.toggle("is-paused", paused);
      }
      // aria-disabled, not disabled: a press in a hold still arrives, so it can say why not.
      var waiting = view.timedStage !== "hold" && !finished;
      nextButton.setAttribute("aria-disabled", waiting ? "false" : "true");
      nextButton.title = waiting
        ? "End this wait now"
        : "A hold cannot be cut short: skip it instead";
    }

    /* The figure of the step being played: "exercise:side" (side left, right or both). */
    var figures = live.querySelectorAll("[data-figure]");
    function showFigure(step) {
      var key = step.exercise + ":" + (step.side || "both");
      if (lastDrawn.figure === key) return;
      lastDrawn.figure = key;
      Array.prototype.forEach.call(figures, function (each) {
        each.hidden = each.getAttribute("data-figure") !== key;
      });
    }

    /* Play starts with focus in the live panel, on Pause, not left on a hidden form. */
    function focusPause() {
      pauseButton.focus();
    }

    /* The check-in after play. Carry on is offered only when steps are left to play. */
    function showCheckin(completed, decidedCount, total) {
      var left = total - decidedCount;
      field(checkin, "ended").textContent = completed
        ? "That was the last step. Well done."
        : left === 0
          ? "Every step is done or skipped."
          : "You stopped with " + decidedCount + " of " + total +
            " steps done or skipped. They are saved.";
      carryOnButton.hidden = completed || left === 0;
      field(checkin, "later").hidden = completed || left === 0;
      root.dataset.ended = completed ? "completed" : "quit";
      show(checkin);
      focusHeading(checkin);
    }

    /* The session as the server saved it (its finish answer), with the words for each value. */
    function drawSummary(summary) {
      var put = function (name, text) { field(summaryPanel, name).textContent = text; };
      put("done",
        summary.steps_done + " of " + summary.steps_planned + " (" + summary.status + ")");
      put("skipped", summary.skipped.length ? summary.skipped.map(function (skip) {
        var why = REASONS[skip.reason] || skip.reason || "no reason given";
        return "step " + (skip.step_index + 1) + " (" + why + ")";
      }).join(", ") : "none");
      var painText = function (value) { return value === null ? "not given" : value + "/10"; };
      put("pain", painText(summary.pain_before) + " → " + painText(summary.pain_after));
      put("feel", summary.feel ? FEELS[summary.feel] : "not given");
      put("note", summary.note || "none");
      // The page carries the screening rules' pain threshold and their message.
      var referral = field(summaryPanel, "referral");
      var threshold = Number(root.dataset.severePain);
      if (referral && root.dataset.severePain) {
        referral.hidden = !(summary.pain_after !== null && summary.pain_after >= threshold);
      }
      root.dataset.finished = summary.status;
    }

    function showSummary() {
      show(summaryPanel);
      focusHeading(summaryPanel);
    }

    return {
      panels: { start: startForm, live: live, checkin: checkin },
      carryOnButton: carryOnButton,
      show: show,
      problem: problem,
      setField: setField,
      forget: forget,
      announce: announce,
      hint: hint,
      stageText: stageText,
      drawLive: drawLive,
      showFigure: showFigure,
      focusPause: focusPause,
      showCheckin: showCheckin,
      drawSummary: drawSummary,
      showSummary: showSummary
    };
  }

  P.createView = createView;
}());
