/* Passkeys in the browser: adding one, signing in with one, and setting one up from an
 * invitation. The server sends WebAuthn options as JSON (base64url for bytes) and checks the
 * answer. Without JavaScript the pages say so and offer the other way in.
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

    button.addEventListener("click", function () {
      problem.hidden = true;
      button.disabled = true;
      var name = box.querySelector("[data-passkey-name]");
      var request = mode === "join" ? { fields: joinFields(box) } : {};
      post(optionsUrl, csrf, request).then(function (options) {
        if (mode === "sign-in") {
          return navigator.credentials.get({ publicKey: requestOptions(options) });
        }
        return navigator.credentials.create({ publicKey: creationOptions(options) });
      }).then(function (credential) {
        return post(verifyUrl, csrf, {
          credential: credentialJSON(credential),
          name: name ? name.value : ""
        });
      }).then(function (result) {
        window.location.assign(result.redirect);
      }).catch(function (error) {
        // The phone's own "cancel" or "not allowed" comes as a DOMException without our words.
        show(error && error.data ? error.data.problem : null);
      });
    });
    box.hidden = false;
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
