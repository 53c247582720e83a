/* Psoas Coach: the rules of play of a guided session, for the browser player (player.js).
 *
 * A port of psoas.rules.session_player; keep the two in step (tests/e2e/test_player_rules.py
 * plays the same scripts through both and compares every event and view).
 * Player is a state machine over the steps the session API returns, driven by the caller's
 * monotonic clock in seconds; nothing here reads a clock or touches the page.
 * - A step runs: [break] get-ready, hold, then for reps rep-transition, hold, ... The break (rest
 *   or switch-sides) is the one the previous step names in break_after; it plays only when the
 *   session flows on from that step, not after back, skip or a resume.
 * - step-completed comes when the last hold ends, before any break.
 * - A tick ends at most one stage, and the next stage starts at that tick's time: after a long
 *   gap (a sleeping tab) the running stage ends and the next gets its full time, so no step is
 *   completed for time the person was not there.
 * - next() ends a waiting stage early and does nothing in a hold; skip(reason) records the skip
 *   and starts the next step at its get-ready; back() starts the previous step at its get-ready.
 * - Actions while paused take effect, and the player stays paused at the start of the new stage.
 */
(function () {
  "use strict";

  var SKIP_REASONS = ["pain", "no-time", "no-equipment", "other"];

  function texts(cues, when) {
    return cues.filter(function (cue) { return cue.when === when; })
      .map(function (cue) { return cue.text; });
  }

  /* Each text gets an equal share of [start, end), in order. */
  function spread(list, start, end) {
    var share = list.length ? (end - start) / list.length : 0;
    return list.map(function (text, index) { return [start + index * share, text]; });
  }

  function describe(step) {
    var parts = [step.exercise_name];
    if (step.side !== null) parts.push(step.side + " side");
    if (step.sets > 1) parts.push("set " + step.set_number + " of " + step.sets);
    return parts.join(", ");
  }

  /* Opening cues in the first quarter, during/throughout in the middle, end cues last. */
  function holdCues(step) {
    var d = step.hold_s;
    var opening = (step.reps ? texts(step.cues, "each-rep") : []).concat(texts(step.cues, "start"));
    var middle = texts(step.cues, "during").concat(texts(step.cues, "throughout"));
    var closing = texts(step.cues, "end");
    var timeline = spread(opening, 0, d / 4)
      .concat(spread(middle, d / 4, 3 * d / 4))
      .concat(spread(closing, 3 * d / 4, d));
    if (timeline.length) timeline[0] = [0, timeline[0][1]];
    return timeline;
  }

  function stage(name, rep, duration, cues) {
    return { name: name, rep: rep, duration: duration, cues: cues };
  }

  /* [break] get-ready, then each hold with a rep-transition between reps. */
  function stagesFor(step, pending) {
    var firstRep = step.reps ? 1 : null;
    var stages = [];
    if (pending !== null) {
      var prompt = pending.kind === "switch-sides" && step.side !== null
        ? "Switch sides: " + step.side + " side next."
        : "Rest. Set " + step.set_number + " of " + step.sets + " is next.";
      stages.push(stage(pending.kind, firstRep, pending.seconds, [[0, prompt]]));
    }
    if (step.get_ready_s > 0) {
      var list = texts(step.cues, "setup").concat(texts(step.cues, "before"));
      if (!list.length) list = ["Get ready: " + describe(step) + "."];
      var countIn = spread(list, 0, step.get_ready_s);
      stages.push(stage("get-ready", firstRep, step.get_ready_s, countIn));
    }
    var holds = step.reps || 1;
    for (var rep = 1; rep <= holds; rep++) {
      stages.push(stage("hold", step.reps ? rep : null, step.hold_s, holdCues(step)));
      if (rep < holds && step.rep_transition_s > 0) {
        var before = spread(texts(step.cues, "before"), 0, step.rep_transition_s);
        stages.push(stage("rep-transition", rep + 1, step.rep_transition_s, before));
      }
    }
    return stages;
  }

  /* The latest cue due at `elapsed`, or -1 when the stage has none. */
  function cueIndex(current, elapsed) {
    var due = -1;
    current.cues.forEach(function (cue, index) { if (cue[0] <= elapsed) due = index; });
    return due;
  }

  function Player(steps, startAt) {
    if (!steps.length) throw new Error("a session needs at least one step");
    if (!(startAt >= 0 && startAt < steps.length)) throw new Error("start_at out of range");
    this.steps = steps;
    this.index = startAt;
    this.stages = stagesFor(steps[startAt], null);
    this.position = 0;
    this.startedAt = null;
    this.pausedAt = null;
    this.shownCue = -1;
    this.finished = false;
  }

  Player.prototype.current = function () { return this.stages[this.position]; };

  Player.prototype.paused = function () { return this.pausedAt !== null; };

  Player.prototype.tick = function (now) {
    if (this.finished) return [];
    if (this.startedAt === null) return this.start(now);
    if (this.pausedAt !== null) return [];
    var events = [];
    if (now - this.startedAt >= this.current().duration) this.advance(now, events);
    this.showCue(now, events);
    return events;
  };

  Player.prototype.togglePause = function (now) {
    var events = this.startedAt === null ? this.start(now) : [];
    if (this.finished || this.startedAt === null) return events;
    if (this.pausedAt === null) {
      this.pausedAt = now;
    } else {
      this.startedAt += now - this.pausedAt;
      this.pausedAt = null;
    }
    return events;
  };

  Player.prototype.next = function (now) {
    if (this.finished) return [];
    var events = this.startedAt === null ? this.start(now) : [];
    if (this.current().name !== "hold") this.advance(now, events);
    return events;
  };

  Player.prototype.back = function (now) {
    if (this.finished) return [];
    var events = this.startedAt === null ? this.start(now) : [];
    this.goTo(Math.max(this.index - 1, 0), now, events, false);
    return events;
  };

  Player.prototype.skip = function (now, reason) {
    if (SKIP_REASONS.indexOf(reason) < 0) throw new Error("unknown skip reason " + reason);
    if (this.finished) return [];
    var events = this.startedAt === null ? this.start(now) : [];
    events.push({ type: "step-skipped", step: this.index, reason: reason });
    this.goTo(this.index + 1, now, events, false);
    return events;
  };

  Player.prototype.quit = function () {
    if (this.finished) return [];
    this.finished = true;
    return [{ type: "ended", completed: false }];
  };

  Player.prototype.elapsed = function (now) {
    if (this.startedAt === null) return 0;
    var until = this.pausedAt !== null ? this.pausedAt : now;
    return Math.max(until - this.startedAt, 0);
  };

  /* What the screen shows at `now`. Reading the view changes nothing. */
  Player.prototype.view = function (now) {
    var step = this.steps[this.index];
    var current = this.current();
    var elapsed = this.elapsed(now);
    var cue = cueIndex(current, elapsed);
    var done = this.finished;
    return {
      stage: done ? "done" : this.pausedAt !== null ? "paused" : current.name,
      timedStage: current.name,
      stepIndex: this.index,
      stepCount: this.steps.length,
      phase: step.phase,
      exerciseName: step.exercise_name,
      side: step.side,
      setNumber: step.set_number,
      sets: step.sets,
      rep: done ? null : current.rep,
      reps: step.reps,
      remaining: done ? 0 : Math.max(current.duration - elapsed, 0),
      cue: done || cue < 0 ? null : current.cues[cue][1],
      nextUp: done ? null : this.nextUp(),
      equipment: step.equipment
    };
  };

  Player.prototype.start = function (now) {
    var events = [{ type: "step-started", step: this.index }];
    this.enterStage(now, events);
    return events;
  };

  Player.prototype.enterStage = function (now, events) {
    this.startedAt = now;
    if (this.pausedAt !== null) this.pausedAt = now;
    this.shownCue = -1;
    events.push({ type: "transition", kind: this.current().name });
    this.showCue(now, events);
  };

  Player.prototype.showCue = function (now, events) {
    if (this.finished) return;
    var index = cueIndex(this.current(), this.elapsed(now));
    if (index > this.shownCue) {
      this.shownCue = index;
      events.push({ type: "cue", text: this.current().cues[index][1] });
    }
  };

  Player.prototype.advance = function (now, events) {
    if (this.position < this.stages.length - 1) {
      this.position += 1;
      this.enterStage(now, events);
      return;
    }
    // The last stage of a step is always its last hold.
    events.push({ type: "step-completed", step: this.index });
    this.goTo(this.index + 1, now, events, true);
  };

  Player.prototype.goTo = function (index, now, events, afterBreak) {
    if (index >= this.steps.length) {
      this.finished = true;
      events.push({ type: "transition", kind: "done" }, { type: "ended", completed: true });
      return;
    }
    var previous = index > 0 ? this.steps[index - 1] : null;
    var pending = null;
    if (afterBreak && previous !== null && previous.break_after !== null) {
      pending = { kind: previous.break_after, seconds: previous.rest_after_s };
    }
    this.index = index;
    this.stages = stagesFor(this.steps[index], pending);
    this.position = 0;
    events.push({ type: "step-started", step: index });
    this.enterStage(now, events);
  };

  Player.prototype.nextUp = function () {
    if (this.index + 1 >= this.steps.length) return "Finish";
    var current = this.steps[this.index];
    var upcoming = this.steps[this.index + 1];
    var text = "Next: " + describe(upcoming);
    if (upcoming.exercise !== current.exercise && upcoming.equipment.length) {
      text += " (have ready: " + upcoming.equipment.join("; ") + ")";
    }
    return text;
  };

  window.PsoasPlayer = { Player: Player, SKIP_REASONS: SKIP_REASONS };
}());
