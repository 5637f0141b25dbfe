/* "Listen to this page": the page's main words read aloud by the phone's own speech, in the
 * page's language, one block at a time (long single utterances stop early on some phones).
 * With no speech, or no voice for the language, it says so plainly instead of reading Arabic
 * with an English voice. */
const control = document.querySelector('[data-module="listen"]');

function part(name) {
  return control.querySelector(`[data-listen="${name}"]`);
}

function show(...names) {
  for (const name of ["start", "pause", "resume", "stop"]) {
    part(name).hidden = !names.includes(name);
  }
}

function voices(speech) {
  const now = speech.getVoices();
  if (now.length) return Promise.resolve(now);
  // Chromium fills the list a moment after the page loads.
  return new Promise((resolve) => {
    const done = () => resolve(speech.getVoices());
    speech.addEventListener("voiceschanged", done, { once: true });
    setTimeout(done, 1500);
  });
}

function blocks() {
  const main = document.getElementById("main-content");
  const found = main.querySelectorAll("h1, h2, h3, p, li, dt, dd, td, th, legend, label");
  return Array.from(found)
    .filter((block) => !control.contains(block) && block.offsetParent !== null)
    .filter((block) => !block.parentElement.closest("p, li, dt, dd, td, th, legend, label"))
    .map((block) => block.innerText.trim())
    .filter((text) => text.length > 0);
}

async function start() {
  const speech = window.speechSynthesis;
  const lang = document.documentElement.lang || "en";
  const voice = speech && typeof window.SpeechSynthesisUtterance === "function"
    ? (await voices(speech)).find((v) => v.lang.toLowerCase().replace("_", "-").split("-")[0] === lang)
    : undefined;
  if (!voice) {
    part("no-voice").hidden = false;
    part("start").hidden = true;
    return;
  }
  speech.cancel();
  const words = blocks();
  words.forEach((text, index) => {
    const utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = voice.lang;
    utterance.voice = voice;
    if (index === words.length - 1) utterance.onend = () => show("start");
    speech.speak(utterance);
  });
  show("pause", "stop");
}

if (control) {
  control.hidden = false;
  part("start").addEventListener("click", start);
  part("pause").addEventListener("click", () => { window.speechSynthesis.pause(); show("resume", "stop"); });
  part("resume").addEventListener("click", () => { window.speechSynthesis.resume(); show("pause", "stop"); });
  part("stop").addEventListener("click", () => { window.speechSynthesis.cancel(); show("start"); });
  window.addEventListener("pagehide", () => window.speechSynthesis && window.speechSynthesis.cancel());
}
