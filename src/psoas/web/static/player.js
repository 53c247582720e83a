/* Psoas Coach: the guided session player in the browser.
 *
 * The rules of play live in player_rules.js (window.PsoasPlayer), a port of the Python player.
 * This file is the page around them: start or resume a session over the API, draw the view at
 * 5 Hz from a monotonic clock, report each step the moment it ends, speak cues when asked, keep
 * the screen awake, and end with the after-session check-in.
 */
(function () {
  "use strict";

  var Player = window.PsoasPlayer.Player;
  var SKIP_REASONS = window.PsoasPlayer.SKIP_REASONS;
  // 5 Hz is smooth enough for a countdown in whole seconds. A shortened demo or test session
  // ticks faster, so that its stages (a tick ends at most one) keep their scaled lengths.
  var TICK_MS = 200;
  var FAST_TICK_MS = 40;

  /* ---------- talking to the server ---------- */

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

  /* The answer's JSON, or an Error whose message is what to tell the person. */
  function answer(response) {
    return response.json().catch(function () { return null; }).then(function (data) {
      if (response.ok) return data;
      var error = new Error(problemText(response.status, data));
      error.status = response.status;
      throw error;
    });
  }

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

  /* ---------- the page ---------- */

  var PHASES = { release: "Release", lengthen: "Lengthen", strengthen: "Strengthen" };
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
  var SPEECH_KEY = "psoas.player.speech";

  function seconds(value) {
    var whole = Math.ceil(value - 1e-9);
    if (whole < 60) return String(whole);
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function failure(error) {
    return error && error.status ? error.message : "No connection to the server. Try again.";
  }

  function capitalise(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function isTextEntry(element) {
    if (!element || element === document.body) return false;
    if (element.isContentEditable) return true;
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  function isActivatable(element) {
    if (!element) return false;
    var tag = element.tagName;
    return tag === "BUTTON" || tag === "A" || tag === "SUMMARY";
  }

  function readPain(input) {
    var raw = input.value.trim();
    if (raw === "" && !(input.validity && input.validity.badInput)) return { value: null };
    if (!/^\d{1,2}$/.test(raw) || Number(raw) > 10) {
      return { problem: "Pain: enter a whole number from 0 to 10, or leave it empty." };
    }
    return { value: Number(raw) };
  }

  function setup(root) {
    var $ = function (selector) { return root.querySelector(selector); };
    var field = function (panel, name) {
      return panel.querySelector('[data-field="' + name + '"]');
    };
    var startForm = $("#player-start");
    var live = $("#player-live");
    var checkin = $("#player-checkin");
    var summaryPanel = $("#player-summary");
    var errorBox = $("#player-error");
    var statusLine = $("#player-status");
    var skipDialog = $("#player-skip");
    var pauseButton = live.querySelector('[data-action="pause"]');
    var nextButton = live.querySelector('[data-action="next"]');
    var speechButton = live.querySelector('[data-action="speech"]');
    var carryOnButton = checkin.querySelector('[data-action="carry-on"]');
    var timeScale = Number(root.dataset.timeScale) || 1;

    var sessionId = root.dataset.sessionId ? Number(root.dataset.sessionId) : null;
    var steps = [];
    var player = null;
    var timer = null;
    var wakeLock = null;
    var decided = {};      // step index -> "done" | "skipped": sent, or recorded before
    var savedCount = 0;    // steps the server has confirmed
    var reports = Promise.resolve();
    var pausedForSkip = false;
    var lastDrawn = {};
    var pendingAnnouncement = "";
    var lastCue = "";      // kept on screen through a stage that has no cue of its own

    /* -- showing panels and problems -- */

    function show(panel) {
      [startForm, live, checkin, summaryPanel].forEach(function (each) {
        if (each) each.hidden = each !== panel;
      });
      root.dataset.panel = panel ? panel.id.replace("player-", "") : "";
    }

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

    function announce(text) {
      statusLine.textContent = text;
    }

    /* A visible note until the next stage, also read out. */
    function hint(text) {
      setField("hint", text);
      if (text) announce(text);
    }

    /* -- speech and the screen wake lock (both optional) -- */

    var speechOn = false;
    try { speechOn = window.localStorage.getItem(SPEECH_KEY) === "on"; } catch (e) { /* blocked */ }
    var canSpeak = "speechSynthesis" in window &&
      typeof window.SpeechSynthesisUtterance === "function";

    function drawSpeechButton() {
      speechButton.hidden = !canSpeak;
      speechButton.setAttribute("aria-pressed", speechOn ? "true" : "false");
    }

    function speak(text) {
      if (!speechOn || !canSpeak) return;
      window.speechSynthesis.cancel();  // the newest cue matters; never a backlog
      window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(text));
    }

    function keepAwake() {
      if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
      if (wakeLock !== null) return;
      navigator.wakeLock.request("screen").then(function (lock) {
        wakeLock = lock;
        lock.addEventListener("release", function () { wakeLock = null; });
      }).catch(function () { /* refused (battery saver, policy): the session plays on */ });
    }

    function letSleep() {
      if (wakeLock !== null) wakeLock.release().catch(function () { /* already gone */ });
      wakeLock = null;
    }

    function onVisibility() {
      var playing = player !== null && !player.finished;
      if (playing && document.visibilityState === "visible") keepAwake();
    }

    /* -- reporting steps: each one the moment it ends, in order -- */

    function post(url, body) {
      // One retry when the network fails; an answer of any status is final.
      return send("POST", url, body).catch(function () { return send("POST", url, body); });
    }

    function report(index, reason) {
      if (decided[index]) return;  // back can replay a step: its first outcome stands
      decided[index] = reason ? "skipped" : "done";
      var body = reason ? { step_index: index, skip_reason: reason } : { step_index: index };
      reports = reports.then(function () {
        return post("/api/v1/sessions/" + sessionId + "/steps", body).then(function (response) {
          if (response.ok || response.status === 409) {  // 409: recorded already, fine
            savedCount += 1;
            root.dataset.saved = String(savedCount);
            setField("saved", String(savedCount));
            return;
          }
          return answer(response);
        }).catch(function (error) {
          delete decided[index];
          var why = error && error.status ? error.message : "no connection to the server.";
          problem("Step " + (index + 1) + " was not saved: " + why);
        });
      });
    }

    /* -- playing -- */

    /* A session from the API (new or resumed): its steps, what is recorded, where to start. */
    function load(state) {
      sessionId = state.session.id;
      steps = state.steps;
      decided = {};
      Object.keys(state.recorded).forEach(function (key) {
        decided[Number(key)] = state.recorded[key];
      });
      savedCount = Object.keys(decided).length;
      root.dataset.sessionId = String(sessionId);
      root.dataset.saved = String(savedCount);
      // A reload, or a return to this address, carries on with this session.
      var url = "/session?resume=" + sessionId;
      if (timeScale !== 1) url += "&time_scale=" + timeScale;
      try { window.history.replaceState(window.history.state, "", url); } catch (e) { /* fine */ }
      if (state.next_step === null) endSession(false);
      else play(state.next_step);
    }

    function play(startAt) {
      player = new Player(steps, startAt);
      lastDrawn = {};
      setField("steps", String(steps.length));
      setField("saved", String(savedCount));
      show(live);
      problem("");
      keepAwake();
      handle(player.tick(now()));
      draw();
      pauseButton.focus();
      timer = window.setInterval(loop, timeScale < 1 ? FAST_TICK_MS : TICK_MS);
    }

    function now() { return window.performance.now() / 1000; }

    function loop() {
      if (!root.isConnected) { stop(); return; }  // an htmx visit replaced the page
      handle(player.tick(now()));
      draw();
    }

    function act(events) {
      handle(events);
      draw();
    }

    function handle(events) {
      events.forEach(function (event) {
        if (event.type === "step-started") lastCue = "";
        else if (event.type === "step-completed") report(event.step, null);
        else if (event.type === "step-skipped") report(event.step, event.reason);
        else if (event.type === "transition") {
          hint("");
          pendingAnnouncement = stageAnnouncement(event.kind);
        } else if (event.type === "cue") {
          lastCue = event.text;
          speak(event.text);
          pendingAnnouncement = (pendingAnnouncement ? pendingAnnouncement + " " : "") + event.text;
        } else if (event.type === "ended") endSession(event.completed);
      });
      if (pendingAnnouncement) {
        announce(pendingAnnouncement);
        pendingAnnouncement = "";
      }
    }

    function stageAnnouncement(kind) {
      if (kind === "done") return "Session finished.";
      var view = player.view(now());
      var where = view.exerciseName + (view.side ? ", " + view.side + " side" : "");
      var length = seconds(view.remaining) + " seconds";
      if (kind === "hold") return "Hold " + length + ". " + where + ".";
      if (kind === "get-ready") return "Get ready: " + where + ".";
      if (kind === "rep-transition") {
        return "Lower and reset for rep " + view.rep + " of " + view.reps + ".";
      }
      return STAGES[kind] + " " + length + ".";
    }

    function draw() {
      if (player === null) return;
      var view = player.view(now());
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
      var paused = player.paused();
      if (lastDrawn.paused !== paused) {
        lastDrawn.paused = paused;
        pauseButton.textContent = paused ? "Resume" : "Pause";
        root.classList.toggle("is-paused", paused);
      }
      var waiting = view.timedStage !== "hold" && !player.finished;
      nextButton.setAttribute("aria-disabled", waiting ? "false" : "true");
      nextButton.title = waiting
        ? "End this wait now"
        : "A hold cannot be cut short: skip it instead";
    }

    function stop() {
      if (timer !== null) window.clearInterval(timer);
      timer = null;
      letSleep();
      if (canSpeak) window.speechSynthesis.cancel();
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("visibilitychange", onVisibility);
    }

    function endSession(completed) {
      if (timer !== null) window.clearInterval(timer);
      timer = null;
      letSleep();
      var left = steps.filter(function (step) { return !decided[step.index]; }).length;
      var decidedCount = steps.length - left;
      field(checkin, "ended").textContent = completed
        ? "That was the last step. Well done."
        : left === 0
          ? "Every step is done or skipped."
          : "You stopped with " + decidedCount + " of " + steps.length +
            " steps done or skipped. They are saved.";
      carryOnButton.hidden = completed || left === 0;
      field(checkin, "later").hidden = completed || left === 0;
      root.dataset.ended = completed ? "completed" : "quit";
      show(checkin);
      focusHeading(checkin);
    }

    function carryOn() {
      var next = steps.filter(function (step) { return !decided[step.index]; })[0];
      if (!next) return;
      play(next.index);
    }

    /* -- controls -- */

    function control(action) {
      if (player === null || player.finished || skipDialog.open) return;
      if (action === "pause") act(player.togglePause(now()));
      else if (action === "next" && player.current().name === "hold") {
        hint("A hold cannot be cut short: use Skip to leave it.");
      } else if (action === "next") act(player.next(now()));
      else if (action === "back") act(player.back(now()));
      else if (action === "skip") askSkipReason();
      else if (action === "quit") act(player.quit(now()));
      if (action === "pause") announce(player.paused() ? "Paused." : "Playing.");
    }

    function askSkipReason() {
      pausedForSkip = !player.paused();
      if (pausedForSkip) act(player.togglePause(now()));
      skipDialog.returnValue = "";
      if (typeof skipDialog.showModal === "function") skipDialog.showModal();
      else skipDialog.setAttribute("open", "");
    }

    function onSkipClosed() {
      var reason = skipDialog.returnValue;
      if (player === null || player.finished) return;
      if (SKIP_REASONS.indexOf(reason) >= 0) act(player.skip(now(), reason));
      if (pausedForSkip && player !== null && !player.finished && player.paused()) {
        act(player.togglePause(now()));
      }
      pausedForSkip = false;
      var focusTarget = live.hidden ? null : live.querySelector('[data-action="skip"]');
      if (focusTarget) focusTarget.focus();
    }

    var KEYS = { " ": "pause", "n": "next", "b": "back", "s": "skip", "q": "quit" };

    function onKey(event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (live.hidden || skipDialog.open) return;
      var action = KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (!action) return;
      var target = event.target;
      if (isTextEntry(target)) return;  // typing is never a command
      if (action === "pause" && isActivatable(target)) return;  // space presses that button
      event.preventDefault();
      control(action);
    }

    live.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.dataset.action;
      if (action === "speech") {
        speechOn = !speechOn;
        try {
          window.localStorage.setItem(SPEECH_KEY, speechOn ? "on" : "off");
        } catch (e) { /* storage blocked: the choice lasts for this page */ }
        if (!speechOn && canSpeak) window.speechSynthesis.cancel();
        drawSpeechButton();
        return;
      }
      control(action);
    });

    skipDialog.addEventListener("close", onSkipClosed);
    carryOnButton.addEventListener("click", carryOn);
    document.addEventListener("keydown", onKey);
    document.addEventListener("visibilitychange", onVisibility);

    /* -- start, resume and finish -- */

    function busy(form, on) {
      Array.prototype.forEach.call(form.querySelectorAll("button"), function (button) {
        button.disabled = on;
      });
      form.setAttribute("aria-busy", on ? "true" : "false");
    }

    if (startForm) {
      startForm.addEventListener("submit", function (event) {
        event.preventDefault();
        problem("");
        var request;
        if (root.dataset.state === "resume") {
          request = send("GET", "/api/v1/sessions/" + sessionId + "?time_scale=" + timeScale);
        } else {
          var pain = readPain(startForm.querySelector("#pain-before"));
          if (pain.problem) { problem(pain.problem); return; }
          request = send("POST", "/api/v1/sessions", {
            day: Number(startForm.querySelector("#day").value),
            pain_before: pain.value,
            time_scale: timeScale
          });
        }
        busy(startForm, true);
        request.then(answer).then(function (state) {
          load(state);
        }).catch(function (error) {
          problem(failure(error));
        }).then(function () { busy(startForm, false); });
      });
    }

    checkin.addEventListener("submit", function (event) {
      event.preventDefault();
      problem("");
      var pain = readPain(checkin.querySelector("#pain-after"));
      if (pain.problem) { problem(pain.problem); return; }
      var feelInput = checkin.querySelector('input[name="feel"]:checked');
      var note = checkin.querySelector("#note").value.trim();
      var body = {};
      if (pain.value !== null) body.pain_after = pain.value;
      if (feelInput) body.feel = feelInput.value;
      if (note) body.note = note;
      busy(checkin, true);
      reports.then(function () {
        return post("/api/v1/sessions/" + sessionId + "/finish", body);
      }).then(answer).then(function (summary) {
        showSummary(summary);
      }).catch(function (error) {
        problem(failure(error));
      }).then(function () { busy(checkin, false); });
    });

    function showSummary(summary) {
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
      player = null;
      stop();
      show(summaryPanel);
      focusHeading(summaryPanel);
    }

    drawSpeechButton();
    if (startForm) {
      show(startForm);
    }
  }

  function init() {
    var root = document.getElementById("player");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "true";
    setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}());
