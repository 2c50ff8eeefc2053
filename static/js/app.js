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
