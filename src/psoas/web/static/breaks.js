/* Psoas Coach: sitting-break reminders while the /breaks page is open.
 *
 * The page works without this file: the server draws the status and every control is a form.
 * With it, while the page is open:
 *   - it tells the server once on load and then every minute that time has passed (POST
 *     /api/v1/breaks/tick), with the browser's time zone, and redraws the status from the answer;
 *   - when a reminder is newly due it shows a browser notification (tag "psoas-break", so one
 *     replaces the last), if the person turned them on with the button: browsers only let a
 *     page ask on a click;
 *   - answers go by fetch with the page's CSRF token (api_client.js, loaded first), and close
 *     the notification.
 * A page sees no keyboard or locked screen, so the server counts time with the page open as
 * sitting. The CSP allows script from 'self' only: this is a plain file, loaded in the body so an
 * htmx-boosted visit (which swaps the body only) runs it too.
 */
(function () {
  "use strict";

  var TICK_MS = 60 * 1000;
  var TAG = "psoas-break";
  var KINDS = ["prompted", "taken", "natural", "snoozed", "skipped"];
  // One ticker and one notification per document: a boosted visit back to /breaks runs this
  // file again in the same document, and must not start a second ticker.
  var B = window.PsoasBreaks = window.PsoasBreaks || { timer: null, notification: null };

  function byId(id) { return document.getElementById(id); }

  function timeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch (error) {
      return null;
    }
  }

  var client = window.PsoasApi;
  var answer = client.answerWith({
    signedOut: "You are signed out. Sign in again to keep the reminders.",
    fields: { snooze_min: "Snooze", action: "Your answer", time_zone: "Time zone" },
    otherStatus: function (status) {
      return "The server did not answer (status " + status + "). It tries again in a minute.";
    }
  });

  /* The answer's JSON, or an Error whose message is what to tell the person. No retry, unlike
   * the player's writes: a lost tick is made up by the next, and a lost answer is shown to be. */
  function post(url, body) {
    return client.send("POST", url, body).then(answer);
  }

  function say(text) {
    var box = byId("break-said");
    if (!box) return;
    box.querySelector("p").textContent = text || "";
    box.hidden = !text;
  }

  function showProblem(text) {
    var line = byId("break-problem");
    if (!line) return;
    line.textContent = text || "";
    line.hidden = !text;
  }

  function closeNotification() {
    if (B.notification) {
      B.notification.close();
      B.notification = null;
    }
  }

  function notify(reminder) {
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    closeNotification();
    try {
      var shown = new Notification(reminder.title, { body: reminder.body, tag: TAG });
      shown.onclick = function () {
        window.focus();
        var done = document.querySelector('#break-answer button[value="done"]');
        if (done) done.focus();
        shown.close();
      };
      B.notification = shown;
    } catch (error) {
      // Some mobile browsers show notifications from a service worker only; the panel still shows.
      B.notification = null;
    }
  }

  function drawSources(holder, sources) {
    holder.textContent = "";
    if (!sources || !sources.length) return;
    var span = document.createElement("span");
    span.className = "cite";
    span.appendChild(document.createTextNode("Sources: "));
    sources.forEach(function (id, index) {
      var link = document.createElement("a");
      link.href = "/sources#" + id;
      link.textContent = id;
      span.appendChild(link);
      if (index < sources.length - 1) span.appendChild(document.createTextNode(", "));
    });
    holder.appendChild(span);
  }

  function drawReminder(status) {
    var panel = byId("break-reminder");
    var reminder = status.reminder;
    if (!panel) return;
    panel.hidden = !reminder;
    if (!reminder) return;
    byId("break-reminder-title").textContent = reminder.title;
    byId("break-reminder-body").textContent = reminder.body;
    drawSources(byId("break-reminder-sources"), reminder.sources);
    panel.querySelectorAll("button[data-snooze]").forEach(function (button) {
      button.hidden = status.snooze_choices_min.indexOf(Number(button.dataset.snooze)) < 0;
    });
  }

  function drawToday(today) {
    var row = byId("break-day-" + today.day);
    if (!row) return;
    KINDS.forEach(function (kind) {
      var cell = row.querySelector('td[data-kind="' + kind + '"]');
      if (cell) cell.textContent = String(today[kind]);
    });
  }

  function draw(root, status) {
    var lines = byId("break-lines");
    lines.textContent = "";
    status.lines.forEach(function (text) {
      var line = document.createElement("p");
      line.textContent = text;
      lines.appendChild(line);
    });
    root.dataset.state = status.state;
    document.querySelectorAll(".breaks-page [data-states]").forEach(function (node) {
      node.hidden = node.dataset.states.split(" ").indexOf(status.state) < 0;
    });
    drawReminder(status);
    drawToday(status.today);
  }

  function stopTicking() {
    if (B.timer !== null) window.clearInterval(B.timer);
    B.timer = null;
  }

  function tick() {
    var root = byId("breaks");
    if (!root) {
      // A boosted visit went to another page in this document: reminders come on /breaks only.
      stopTicking();
      return;
    }
    post("/api/v1/breaks/tick", { time_zone: timeZone() }).then(function (status) {
      showProblem("");
      draw(root, status);
      if (status.show === true && status.reminder) notify(status.reminder);
      else if (!status.reminder) closeNotification();
    }).catch(function (error) {
      // 409: another writer moved the timer at the same moment; the next tick will do.
      if (error && error.status === 409) return;
      showProblem(client.failure(error,
        "The server could not be reached; this page tries again in a minute."));
    });
  }

  function answerBody(value) {
    var body = { action: value, time_zone: timeZone() };
    if (value.indexOf("snooze-") === 0) {
      body.action = "snooze";
      body.snooze_min = Number(value.slice("snooze-".length));
    }
    return body;
  }

  function bindAnswers(root) {
    var form = byId("break-answer");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !button.value) return; // an old browser: let the form post itself
      event.preventDefault();
      var buttons = form.querySelectorAll("button");
      buttons.forEach(function (each) { each.disabled = true; });
      post("/api/v1/breaks/answer", answerBody(button.value)).then(function (status) {
        closeNotification();
        showProblem("");
        draw(root, status);
        say(status.message);
        // The button pressed is hidden with its panel: keep the focus on what happened.
        byId("break-said").focus();
      }).catch(function (error) {
        showProblem(client.failure(error,
          "The answer did not reach the server; please try again."));
      }).then(function () {
        buttons.forEach(function (each) { each.disabled = false; });
      });
    });
  }

  function drawPermission() {
    var box = byId("break-notify");
    var state = byId("break-notify-state");
    var button = byId("break-notify-on");
    if (!box) return;
    box.hidden = false;
    if (!("Notification" in window)) {
      state.textContent = "This browser cannot show notifications: reminders show on this page.";
      button.hidden = true;
      return;
    }
    var permission = Notification.permission;
    button.hidden = permission !== "default";
    if (permission === "granted") {
      state.textContent = "Browser notifications are on: a reminder shows even when this tab " +
        "is in the background, as long as it is open.";
    } else if (permission === "denied") {
      state.textContent = "Notifications are blocked for this site in the browser's settings: " +
        "reminders show on this page only.";
    } else {
      state.textContent = "Reminders show on this page. Turn on notifications to see them " +
        "while this tab is in the background.";
    }
  }

  function bindPermission() {
    var button = byId("break-notify-on");
    if (!button || !("Notification" in window)) return;
    button.addEventListener("click", function () {
      // Older browsers take a callback; newer ones return a promise.
      var asked = Notification.requestPermission(drawPermission);
      if (asked && asked.then) asked.then(drawPermission);
    });
  }

  function init() {
    var root = byId("breaks");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "true";
    var zone = timeZone();
    if (zone) {
      document.querySelectorAll('.breaks-page input[name="time_zone"]').forEach(function (input) {
        input.value = zone;
      });
    }
    bindAnswers(root);
    bindPermission();
    drawPermission();
    tick();
    if (B.timer === null) B.timer = window.setInterval(tick, TICK_MS);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}());
