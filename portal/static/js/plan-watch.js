/* The plan page asks every 20 seconds whether someone else saved the plan, and if so says so
 * politely in a live region. It never reloads the page by itself: whatever someone is reading
 * or typing stays. Without JavaScript, the next save merges and tells them instead. */
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("plan-watch");
    if (!box || !window.fetch) { return; }
    var url = box.getAttribute("data-url");
    var seen = parseInt(box.getAttribute("data-revision"), 10);
    var every = (parseInt(box.getAttribute("data-seconds"), 10) || 20) * 1000;
    var timer = null;

    function check() {
      window.fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error("not available"); }
          return response.json();
        })
        .then(function (data) {
          if (data && typeof data.revision === "number" && data.revision > seen) {
            var text = document.createElement("p");
            text.className = "govuk-notification-banner__content";
            text.textContent = box.getAttribute("data-message") + " ";
            var link = document.createElement("a");
            link.className = "govuk-link";
            link.href = box.getAttribute("data-href");
            link.textContent = box.getAttribute("data-link");
            text.appendChild(link);
            box.className = "plan-watch govuk-notification-banner";
            box.appendChild(text);
            window.clearInterval(timer);
          }
        })
        .catch(function () { /* signed out or offline: say nothing */ });
    }

    timer = window.setInterval(check, every);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
