/* The idle time-out warning. The server signs a family account out after a while without use
 * (portal/sessions.py). A little before that, this shows a warning with a "Stay signed in"
 * button; at the end it replaces the page, so a shared phone shows nothing of the book.
 * Without JavaScript, a refresh tag in the page does the last part. */
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("idle-warning");
    if (!box || !window.fetch) { return; }
    var timeout = parseInt(box.getAttribute("data-timeout"), 10) * 1000;
    var warning = parseInt(box.getAttribute("data-warning"), 10) * 1000;
    var statusUrl = box.getAttribute("data-status-url");
    var endUrl = box.getAttribute("data-timed-out-url");
    var form = box.querySelector("form");
    var deadline = Date.now() + timeout;
    var timers = [];

    function clear() {
      timers.forEach(function (t) { window.clearTimeout(t); });
      timers = [];
    }

    function schedule() {
      clear();
      var now = Date.now();
      timers.push(window.setTimeout(warn, Math.max(0, deadline - warning - now)));
      timers.push(window.setTimeout(check, Math.max(0, deadline - now)));
    }

    function warn() {
      box.hidden = false;
      box.focus();
    }

    function leave() {
      window.location.replace(endUrl);
    }

    // Another tab may have kept the session alive: ask before leaving.
    function check() {
      fetch(statusUrl, { credentials: "same-origin" }).then(function (response) {
        return response.json();
      }).then(function (data) {
        if (data.signed_in && data.seconds_left > 5) {
          deadline = Date.now() + data.seconds_left * 1000;
          box.hidden = true;
          schedule();
        } else {
          leave();
        }
      }).catch(leave);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var token = form.querySelector("input[name=csrf_token]").value;
      fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" }
      }).then(function (response) {
        if (!response.ok) { throw new Error("signed out"); }
        return response.json();
      }).then(function (data) {
        deadline = Date.now() + data.seconds_left * 1000;
        box.hidden = true;
        schedule();
      }).catch(leave);
    });

    schedule();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
