// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  function detectZone() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) return;
    // Sign-up: a hidden field carries the browser's zone to the new profile.
    document.querySelectorAll('input[type=hidden][name=time_zone]').forEach(function (input) {
      if (!input.value) input.value = zone;
    });
    // Profile form: offer the detected zone when it differs from the saved one.
    var select = document.querySelector('select[name=time_zone]');
    var hint = document.querySelector('[data-tz-detect]');
    if (select && hint && select.value !== zone && select.querySelector('option[value="' + zone + '"]')) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "linklike";
      button.textContent = "Use " + zone + " (detected)";
      button.addEventListener("click", function () { select.value = zone; button.remove(); });
      hint.appendChild(document.createTextNode(" "));
      hint.appendChild(button);
    }
  }
  document.addEventListener("DOMContentLoaded", detectZone);
})();

// Countdown to a session start, the live unread count, and the availability grid.
(function () {
  "use strict";
  function human(ms) {
    if (ms <= 0) return "now";
    var m = Math.floor(ms / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60);
    if (d > 0) return "in " + d + " d " + h + " h";
    if (h > 0) return "in " + h + " h " + (m % 60) + " min";
    return "in " + m + " min";
  }
  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      el.textContent = "Starts " + human(new Date(el.dataset.countdown) - Date.now());
    });
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var s = Math.max(0, Math.round((new Date(el.dataset.deadline) - Date.now()) / 1000));
      el.textContent = s ? "in " + Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0") : "now";
    });
  }
  function live() {
    var path = document.body.dataset.live;
    if (!path || !window.WebSocket) return;
    var delay = 1000;
    function connect() {
      var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + path);
      ws.onopen = function () { delay = 1000; };
      ws.onmessage = function (e) {
        var msg = JSON.parse(e.data);
        if (msg.event === "notifications") {
          document.querySelectorAll("[data-unread]").forEach(function (b) {
            b.textContent = msg.data.unread;
            b.hidden = !msg.data.unread;
          });
        }
        document.dispatchEvent(new CustomEvent("bitesize:" + msg.event, { detail: msg.data }));
      };
      ws.onclose = function (e) {
        if (e.code === 4401) return;
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      };
    }
    connect();
  }
  function grid() {
    var week = document.querySelector("[data-week]");
    if (!week) return;
    var painting = null;
    week.addEventListener("pointerdown", function (e) {
      var box = e.target.closest(".cell") && e.target.closest(".cell").querySelector("input");
      if (!box) return;
      e.preventDefault();
      painting = !box.checked;
      box.checked = painting;
    });
    week.addEventListener("pointerover", function (e) {
      if (painting === null) return;
      var cell = e.target.closest(".cell");
      if (cell) cell.querySelector("input").checked = painting;
    });
    document.addEventListener("pointerup", function () { painting = null; });
    week.addEventListener("click", function (e) { if (e.target.closest(".cell")) e.preventDefault(); });
    var body = week.querySelector("[data-scroll-to]");
    if (body) body.scrollTop = body.querySelector(".week-row").offsetHeight * Number(body.dataset.scrollTo);
  }
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 1000); live(); grid(); });
  document.addEventListener("htmx:afterSwap", tick);
})();
