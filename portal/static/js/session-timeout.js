/* The idle time-out, without losing typing. The server signs a family account out after a
 * while without use (portal/accounts/sessions.py). Typing counts as use: while someone types,
 * the page tells the server now and then. A little before the end a warning with "Stay signed
 * in" appears; it does not take the focus, so typing goes on where it was. In the last seconds
 * the page sends what its forms hold to the server, which keeps it for this person only
 * (never in the browser: the phone may be shared) and signs them out; the page is then
 * replaced, so the book is no longer on the screen. Without JavaScript, a refresh tag ends
 * pages without a form, and a form posted after the time-out is kept by the server. */
(function () {
  "use strict";


  function labelFor(form, field) {
    var label = field.id && form.querySelector("label[for='" + field.id + "']");
    if (!label) {
      var fieldset = field.closest("fieldset");
      label = fieldset && fieldset.querySelector("legend");
    }
    return label ? label.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // The first form on the page that someone has typed in: its fields, in order, and labels.
  function typedForm() {
    var forms = document.querySelectorAll("form[method=post]");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      var typed = Array.prototype.some.call(form.querySelectorAll("textarea, input[type=text]"),
        function (field) { return field.value !== field.defaultValue && field.value.trim(); });
      if (!typed) { continue; }
      var fields = [];
      var labels = {};
      new FormData(form).forEach(function (value, name) {
        if (typeof value === "string") { fields.push([name, value]); }
      });
      form.querySelectorAll("textarea, input[type=text]").forEach(function (field) {
        if (field.name && field.value.trim()) { labels[field.name] = labelFor(form, field); }
      });
      var heading = document.querySelector("main h1");
      return { form_path: new URL(form.action, window.location.href).pathname,
               page_title: heading ? heading.textContent.trim() : document.title,
               fields: fields, labels: labels };
    }
    return null;
  }

  function start() {
    var box = document.getElementById("idle-warning");
    if (!box || !window.fetch) { return; }
    var timeout = parseInt(box.getAttribute("data-timeout"), 10) * 1000;
    var warning = parseInt(box.getAttribute("data-warning"), 10) * 1000;
    var statusUrl = box.getAttribute("data-status-url");
    var timeOutUrl = box.getAttribute("data-time-out-url");
    var endUrl = box.getAttribute("data-timed-out-url");
    var form = box.querySelector("form");
    var token = form.querySelector("input[name=csrf_token]").value;
    // When to send the words (the session is still alive then), and how often typing is told.
    var LAST_SECONDS = Math.min(15, timeout / 4000);
    var TYPING_PING = Math.min(60000, timeout / 4);
    var deadline = Date.now() + timeout;
    var lastPing = Date.now();
    var timers = [];

    function clear() {
      timers.forEach(function (t) { window.clearTimeout(t); });
      timers = [];
    }

    function schedule() {
      clear();
      var now = Date.now();
      timers.push(window.setTimeout(warn, Math.max(0, deadline - warning - now)));
      timers.push(window.setTimeout(check, Math.max(0, deadline - LAST_SECONDS * 1000 - now)));
    }

    function warn() {
      box.hidden = false;
    }

    function post(url, body) {
      var headers = { "X-CSRFToken": token, "X-Requested-With": "fetch" };
      if (body) { headers["Content-Type"] = "application/json"; }
      return fetch(url, { method: "POST", credentials: "same-origin", headers: headers,
                          body: body ? JSON.stringify(body) : null });
    }

    function kept(response) {
      if (!response.ok) { throw new Error("signed out"); }
      return response.json();
    }

    function stillHere(data) {
      deadline = Date.now() + data.seconds_left * 1000;
      lastPing = Date.now();
      box.hidden = true;
      schedule();
    }

    function leave() {
      window.location.replace(endUrl);
    }

    // Another tab may have kept the session alive: ask before leaving.
    function check() {
      fetch(statusUrl, { credentials: "same-origin" }).then(kept).then(function (data) {
        if (data.signed_in && data.seconds_left > LAST_SECONDS + 5) {
          stillHere(data);
        } else if (data.signed_in) {
          post(timeOutUrl, typedForm() || {}).then(kept).then(leave).catch(leave);
        } else {
          leave();
        }
      }).catch(leave);
    }

    function stay() {
      return post(form.action).then(kept).then(stillHere);
    }

    document.addEventListener("input", function (event) {
      if (box.contains(event.target) || Date.now() - lastPing < TYPING_PING) { return; }
      lastPing = Date.now();
      stay().catch(function () { /* the next check decides */ });
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      stay().catch(leave);
    });

    schedule();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
