/* Psoas Coach: how the person drives the guided player (PsoasPlayer.createControls).
 *
 * The buttons and their keys, the skip dialog that asks why, spoken cues and the screen wake
 * lock. Speech and the wake lock are optional extras: a browser without them, or one that
 * refuses them, plays the session just the same.
 */
(function () {
  "use strict";

  // player_rules.js creates the namespace; add to it rather than replace it.
  var P = window.PsoasPlayer = window.PsoasPlayer || {};

  var SPEECH_KEY = "psoas.player.speech";  // localStorage: the choice outlasts the page
  var KEYS = { " ": "pause", "n": "next", "b": "back", "s": "skip", "q": "quit" };

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

  /* The controls need the session to act on, and the session needs speech and the wake lock
   * from here: so they are made first, and attach(session) connects them once both exist. */
  function createControls(root, view) {
    var live = view.panels.live;
    var skipDialog = root.querySelector("#player-skip");
    var speechButton = live.querySelector('[data-action="speech"]');
    var session = null;
    var wakeLock = null;
    var pausedForSkip = false;  // the dialog paused play, so closing it resumes play

    /* -- speech -- */

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

    function toggleSpeech() {
      speechOn = !speechOn;
      try {
        window.localStorage.setItem(SPEECH_KEY, speechOn ? "on" : "off");
      } catch (e) { /* storage blocked: the choice lasts for this page */ }
      if (!speechOn && canSpeak) window.speechSynthesis.cancel();
      drawSpeechButton();
    }

    /* -- the screen wake lock: a phone on the floor must not go dark mid-hold -- */

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

    /* The browser drops the lock when the tab is hidden; take it again on return. */
    function onVisibility() {
      var player = session.player();
      var playing = player !== null && !player.finished;
      if (playing && document.visibilityState === "visible") keepAwake();
    }

    /* -- buttons, keys and the skip dialog -- */

    function control(action) {
      var player = session.player();
      if (player === null || player.finished || skipDialog.open) return;
      var now = session.now;
      if (action === "pause") session.act(player.togglePause(now()));
      else if (action === "next" && player.current().name === "hold") {
        view.hint("A hold cannot be cut short: use Skip to leave it.");
      } else if (action === "next") session.act(player.next(now()));
      else if (action === "back") session.act(player.back(now()));
      else if (action === "skip") askSkipReason(player);
      else if (action === "quit") session.act(player.quit(now()));
      if (action === "pause") view.announce(player.paused() ? "Paused." : "Playing.");
    }

    /* The clock stops while the person chooses a reason: a hold must not run out meanwhile. */
    function askSkipReason(player) {
      pausedForSkip = !player.paused();
      if (pausedForSkip) session.act(player.togglePause(session.now()));
      skipDialog.returnValue = "";
      if (typeof skipDialog.showModal === "function") skipDialog.showModal();
      else skipDialog.setAttribute("open", "");
    }

    /* An empty returnValue is Cancel (or Escape): nothing is skipped. */
    function onSkipClosed() {
      var reason = skipDialog.returnValue;
      var player = session.player();
      if (player === null || player.finished) return;
      if (P.SKIP_REASONS.indexOf(reason) >= 0) session.act(player.skip(session.now(), reason));
      if (pausedForSkip && player !== null && !player.finished && player.paused()) {
        session.act(player.togglePause(session.now()));
      }
      pausedForSkip = false;
      var focusTarget = live.hidden ? null : live.querySelector('[data-action="skip"]');
      if (focusTarget) focusTarget.focus();
    }

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

    function onClick(event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.dataset.action;
      if (action === "speech") {
        toggleSpeech();
        return;
      }
      control(action);
    }

    function attach(playing) {
      session = playing;
      live.addEventListener("click", onClick);
      skipDialog.addEventListener("close", onSkipClosed);
      document.addEventListener("keydown", onKey);
      document.addEventListener("visibilitychange", onVisibility);
    }

    /* The session is over or the page is gone: let the screen sleep, hush any cue, and drop
     * the listeners on document, which outlives this page on an htmx visit. */
    function detach() {
      letSleep();
      if (canSpeak) window.speechSynthesis.cancel();
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("visibilitychange", onVisibility);
    }

    drawSpeechButton();
    return {
      attach: attach,
      detach: detach,
      speak: speak,
      keepAwake: keepAwake,
      letSleep: letSleep
    };
  }

  P.createControls = createControls;
}());
