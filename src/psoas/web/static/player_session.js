/* Psoas Coach: one guided session from start to check-in (PsoasPlayer.createSession).
 *
 * Holds the session's state: the rules' Player, the clock that drives it, which steps the server
 * knows about, and the queue of step reports. The Player (player_rules.js) decides what happens;
 * this turns its events into reports, cues and redraws.
 */
(function () {
  "use strict";

  // player_rules.js creates the namespace; add to it rather than replace it.
  var P = window.PsoasPlayer = window.PsoasPlayer || {};

  // 5 Hz is smooth enough for a countdown in whole seconds. A shortened demo or test session
  // ticks faster, so that its stages (a tick ends at most one) keep their scaled lengths.
  var TICK_MS = 200;
  var FAST_TICK_MS = 40;

  /* A monotonic clock in seconds: wall-clock changes must not stretch or cut a hold. */
  function now() { return window.performance.now() / 1000; }

  function createSession(root, view, controls) {
    var api = P.api;
    var timeScale = Number(root.dataset.timeScale) || 1;
    var sessionId = root.dataset.sessionId ? Number(root.dataset.sessionId) : null;
    var steps = [];
    var player = null;
    var timer = null;
    var decided = {};      // step index -> "done" | "skipped": sent, or recorded before
    var savedCount = 0;    // steps the server has confirmed
    // Step reports go one after another, so the server sees them in order, and finishing
    // waits for the last of them.
    var reports = Promise.resolve();
    var pendingAnnouncement = "";
    var lastCue = "";      // kept on screen through a stage that has no cue of its own

    /* -- reporting steps: each one the moment it ends, in order -- */

    function report(index, reason) {
      if (decided[index]) return;  // back can replay a step: its first outcome stands
      decided[index] = reason ? "skipped" : "done";
      var body = reason ? { step_index: index, skip_reason: reason } : { step_index: index };
      reports = reports.then(function () {
        return api.saveStep(sessionId, body).then(function () {
          savedCount += 1;
          root.dataset.saved = String(savedCount);
          view.setField("saved", String(savedCount));
        }).catch(function (error) {
          delete decided[index];  // not saved: carry on may offer the step again
          var why = error && error.status ? error.message : "no connection to the server.";
          view.problem("Step " + (index + 1) + " was not saved: " + why);
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
      // A reload, or a return to this address, carries on with this session. One started
      // with no connection has no server id yet (player_api.js names it by its client key).
      var url = "/session?resume=" + sessionId;
      if (timeScale !== 1) url += "&time_scale=" + timeScale;
      try {
        if (typeof sessionId === "number") window.history.replaceState(window.history.state, "", url);
      } catch (e) { /* fine */ }
      if (state.next_step === null) endSession(false);
      else play(state.next_step);
    }

    function play(startAt) {
      player = new P.Player(steps, startAt);
      view.forget();
      view.setField("steps", String(steps.length));
      view.setField("saved", String(savedCount));
      view.show(view.panels.live);
      view.problem("");
      controls.keepAwake();
      handle(player.tick(now()));
      draw();
      view.focusPause();
      timer = window.setInterval(loop, timeScale < 1 ? FAST_TICK_MS : TICK_MS);
    }

    function loop() {
      if (!root.isConnected) { stop(); return; }  // an htmx visit replaced the page
      handle(player.tick(now()));
      draw();
    }

    /* What a control does: the Player's events, then the screen at once, not at the next tick. */
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
          view.hint("");
          pendingAnnouncement = view.stageText(event.kind, function () {
            return player.view(now());
          });
        } else if (event.type === "cue") {
          lastCue = event.text;
          controls.speak(event.text);
          pendingAnnouncement = (pendingAnnouncement ? pendingAnnouncement + " " : "") + event.text;
        } else if (event.type === "ended") endSession(event.completed);
      });
      // One announcement per batch of events, so a new stage and its first cue are read
      // together instead of the cue cutting off the stage.
      if (pendingAnnouncement) {
        view.announce(pendingAnnouncement);
        pendingAnnouncement = "";
      }
    }

    function draw() {
      if (player === null) return;
      view.drawLive(player.view(now()), player.paused(), player.finished, lastCue);
      view.showFigure(player.steps[player.index]);
    }

    function stop() {
      if (timer !== null) window.clearInterval(timer);
      timer = null;
      controls.detach();
    }

    /* Play is over (the last step, quit, or nothing left to resume): on to the check-in. */
    function endSession(completed) {
      if (timer !== null) window.clearInterval(timer);
      timer = null;
      controls.letSleep();
      var left = steps.filter(function (step) { return !decided[step.index]; }).length;
      view.showCheckin(completed, steps.length - left, steps.length);
    }

    /* From the check-in back to play, at the first step neither done nor skipped. */
    function carryOn() {
      var next = steps.filter(function (step) { return !decided[step.index]; })[0];
      if (!next) return;
      play(next.index);
    }

    /* -- finishing -- */

    /* The summary the server saved; the check-in is sent only after every step report. */
    function finish(body) {
      return reports.then(function () {
        return api.finishSession(sessionId, body);
      }).then(api.answer);
    }

    function showSummary(summary) {
      view.drawSummary(summary);
      player = null;
      stop();
      view.showSummary();
    }

    return {
      timeScale: timeScale,
      id: function () { return sessionId; },
      player: function () { return player; },
      now: now,
      act: act,
      load: load,
      carryOn: carryOn,
      finish: finish,
      showSummary: showSummary
    };
  }

  P.createSession = createSession;
}());
