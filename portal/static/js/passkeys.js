/* Passkeys in the browser: adding one, signing in with one, and setting one up from an
 * invitation. The server sends WebAuthn options as JSON (base64url for bytes) and checks the
 * answer. Without JavaScript the pages say so and offer the other way in. On the sign-in page
 * the username field's autofill also offers passkeys, where the browser can.
 * Also: "Print this page" buttons, shown only when JavaScript can print. */
(function () {
  "use strict";

  function toBytes(value) {
    var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return bytes.buffer;
  }

  function toText(buffer) {
    if (!buffer) { return null; }
    var bytes = new Uint8Array(buffer);
    var text = "";
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function creationOptions(options) {
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    (options.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return options;
  }

  function requestOptions(options) {
    options.challenge = toBytes(options.challenge);
    (options.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return options;
  }

  function credentialJSON(credential) {
    var response = credential.response;
    var json = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      response: { clientDataJSON: toText(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      json.response.attestationObject = toText(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toText(response.authenticatorData);
      json.response.signature = toText(response.signature);
      json.response.userHandle = toText(response.userHandle);
    }
    return json;
  }

  function post(url, csrf, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          var error = new Error(data.problem || "");
          error.data = data;
          throw error;
        }
        return data;
      });
    });
  }

  function joinFields(box) {
    var form = box.closest("form");
    var fields = {};
    ["display_name", "username", "book_title", "relationship"].forEach(function (name) {
      var input = form && form.elements[name];
      if (input) { fields[name] = input.value; }
    });
    var advocate = form && form.querySelector("input[name=advocate]:checked");
    fields.advocate = advocate ? advocate.value : "";
    return fields;
  }

  // Passkey autofill (conditional mediation): where the browser can, the username field's
  // suggestions also list this site's passkeys. It asks the same options and verify URLs as the
  // button, so the server sees no difference. One request waits at a time, and the button stops
  // it first: the challenge kept in the session is then always the one being answered.
  function autofill(optionsUrl, csrf, finish, show) {
    var field = document.querySelector("input[autocomplete~=webauthn]");
    var waiting = null;

    function offer() {
      if (waiting) { return; }
      var controller = new AbortController();
      var current = { controller: controller, staleAt: Infinity };
      var chosen = false;
      waiting = current;
      var options = PublicKeyCredential.isConditionalMediationAvailable().then(function (can) {
        return can && !controller.signal.aborted ? post(optionsUrl, csrf, {}) : null;
      });
      // Settled once this request's challenge is in the session (or it never will be).
      current.asked = options.then(function () {}, function () {});
      options.then(function (publicKey) {
        if (!publicKey) { return null; }
        // Browsers let a waiting autofill request outlive its timeout; the challenge does not.
        current.staleAt = Date.now() + (publicKey.timeout || 0);
        return navigator.credentials.get({ mediation: "conditional", signal: controller.signal,
                                           publicKey: requestOptions(publicKey) });
      }).then(function (credential) {
        if (!credential) { return null; }
        chosen = true;
        return finish(credential);
      }).catch(function (error) {
        if (controller.signal.aborted) { return; }
        waiting = null;
        if (chosen) {
          // Someone picked a passkey and it did not work: say why and offer the list again.
          show(error && error.data ? error.data.problem : null);
          offer();
        } else {
          // No passkey was picked (the browser gave up): try again when they come back.
          field.addEventListener("focus", offer, { once: true });
        }
      });
    }

    function stop() {
      var current = waiting;
      waiting = null;
      if (!current) { return Promise.resolve(); }
      current.controller.abort();
      return current.asked;
    }

    if (!field || !window.AbortController || !PublicKeyCredential.isConditionalMediationAvailable) {
      return { offer: function () {}, stop: stop };
    }
    // A phone may keep this page open for days: ask afresh when it is looked at again.
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && waiting && Date.now() > waiting.staleAt) {
        stop();
        offer();
      }
    });
    return { offer: offer, stop: stop };
  }

  function setUp(box) {
    var mode = box.getAttribute("data-passkey");
    var button = box.querySelector("[data-passkey-start]");
    var problem = box.querySelector("[data-passkey-problem]");
    var csrf = box.getAttribute("data-csrf");
    var optionsUrl = box.getAttribute("data-options-url");
    var verifyUrl = box.getAttribute("data-verify-url");
    var defaultProblem = button.getAttribute("data-problem") ||
      "The passkey did not work. Nothing was changed. Try again, or use the other way.";

    function show(message) {
      problem.textContent = message || defaultProblem;
      problem.hidden = false;
      button.disabled = false;
    }

    function finish(credential) {
      problem.hidden = true;
      var name = box.querySelector("[data-passkey-name]");
      return post(verifyUrl, csrf, {
        credential: credentialJSON(credential),
        name: name ? name.value : ""
      }).then(function (result) {
        window.location.assign(result.redirect);
      });
    }

    var inAutofill = mode === "sign-in" ? autofill(optionsUrl, csrf, finish, show) : null;

    button.addEventListener("click", function () {
      problem.hidden = true;
      button.disabled = true;
      var request = mode === "join" ? { fields: joinFields(box) } : {};
      (inAutofill ? inAutofill.stop() : Promise.resolve()).then(function () {
        return post(optionsUrl, csrf, request);
      }).then(function (options) {
        if (mode === "sign-in") {
          return navigator.credentials.get({ publicKey: requestOptions(options) });
        }
        return navigator.credentials.create({ publicKey: creationOptions(options) });
      }).then(finish).catch(function (error) {
        // The phone's own "cancel" or "not allowed" comes as a DOMException without our words.
        show(error && error.data ? error.data.problem : null);
        if (inAutofill) { inAutofill.offer(); }
      });
    });
    box.hidden = false;
    if (inAutofill) { inAutofill.offer(); }
  }

  function start() {
    var boxes = document.querySelectorAll("[data-passkey]");
    var supported = window.PublicKeyCredential && navigator.credentials && window.fetch;
    for (var i = 0; i < boxes.length; i++) {
      if (supported) {
        setUp(boxes[i]);
      }
    }
    if (!supported && boxes.length) {
      var notes = document.querySelectorAll(".passkey-unsupported");
      for (var j = 0; j < notes.length; j++) { notes[j].hidden = false; }
    }
    var printers = document.querySelectorAll("[data-print]");
    for (var k = 0; k < printers.length; k++) {
      printers[k].hidden = false;
      printers[k].addEventListener("click", function () { window.print(); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
