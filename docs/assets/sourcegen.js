/* sourcegen: a context note opens in place.
 *
 * A tap, click or Enter on a note number opens the note (its text and
 * sources) in a modal dialog over the page instead of jumping thousands of
 * pixels to the list at the bottom. The dialog is named by the note's title,
 * takes the focus (its close button), keeps Tab inside it, closes on Escape,
 * on the close button and on a tap outside it, and gives the focus back to
 * the number. Without scripts the number is a plain link to the note.
 *
 * It also names every note number for screen readers ("Note 3: SOEs"),
 * where Python-Markdown writes only the digit, keeps headings' "¶"
 * permalinks out of the headings' names, makes the first use of each
 * abbreviation focusable, and loads the theme's script (Material's
 * bundle.js, held back by overrides/main.html) on the reader's first
 * touch, scroll, pointer move, key or focus, not at load.
 */
(function () {
  "use strict";

  var dialog = null;
  var opener = null;

  function noteOf(ref) {
    var id = decodeURIComponent(ref.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  function titleOf(note) {
    var strong = note.querySelector("strong");
    return strong ? strong.textContent.trim() : "";
  }

  function make() {
    var d = document.createElement("dialog");
    d.className = "sg-note md-typeset";
    d.setAttribute("aria-labelledby", "sg-note-label");
    var box = document.createElement("div");
    box.className = "sg-note__box";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "sg-note__close";
    close.setAttribute("aria-label", "Close note");
    close.autofocus = true;
    close.textContent = "\u00d7";
    close.addEventListener("click", function () { d.close(); });
    var label = document.createElement("p");
    label.className = "sg-note__label";
    label.id = "sg-note-label";
    var body = document.createElement("div");
    body.className = "sg-note__body";
    var more = document.createElement("p");
    more.className = "sg-note__more";
    var jump = document.createElement("a");
    jump.textContent = "Show it in the list of notes";
    jump.addEventListener("click", function () { opener = null; d.close(); });
    more.appendChild(jump);
    box.append(close, label, body, more);
    d.appendChild(box);
    // Tab wraps around inside the note (a modal dialog would otherwise let
    // the focus go to the browser's own controls and come back to the page).
    d.addEventListener("keydown", function (ev) {
      if (ev.key !== "Tab") return;
      var stops = d.querySelectorAll("button, a[href], [tabindex='0']");
      var first = stops[0], last = stops[stops.length - 1];
      if (ev.shiftKey && document.activeElement === first) {
        last.focus();
        ev.preventDefault();
      } else if (!ev.shiftKey && document.activeElement === last) {
        first.focus();
        ev.preventDefault();
      }
    });
    // A tap on the backdrop lands on the dialog itself, outside its box.
    d.addEventListener("click", function (ev) { if (ev.target === d) d.close(); });
    d.addEventListener("close", function () {
      if (opener && opener.isConnected) opener.focus({ preventScroll: true });
      opener = null;
    });
    document.body.appendChild(d);
    return d;
  }

  function open(ref) {
    var note = noteOf(ref);
    if (!note) return false;
    if (!dialog || !dialog.isConnected) dialog = make();
    var parts = [];
    note.querySelectorAll(":scope > p").forEach(function (p) {
      var copy = p.cloneNode(true);
      copy.querySelectorAll(".footnote-backref").forEach(function (a) { a.remove(); });
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      copy.querySelectorAll("[tabindex]").forEach(function (el) { el.removeAttribute("tabindex"); });
      parts.push(copy);
    });
    var head = parts.shift();
    var label = dialog.querySelector(".sg-note__label");
    label.textContent = "Note " + ref.textContent.trim() + ": ";
    if (head) label.append.apply(label, Array.prototype.slice.call(head.childNodes));
    var body = dialog.querySelector(".sg-note__body");
    body.replaceChildren.apply(body, parts);
    body.scrollTop = 0;
    dialog.querySelector(".sg-note__more a").href = ref.hash;
    // Cover the half of the screen the number is not in.
    var top = ref.getBoundingClientRect().top;
    dialog.classList.toggle("sg-note--top", top > window.innerHeight / 2);
    opener = ref;
    dialog.showModal();
    return true;
  }

  // Capture phase, ahead of Material's own handling of in-page links.
  window.addEventListener("click", function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var ref = ev.target instanceof Element && ev.target.closest("a.footnote-ref");
    if (!ref || !open(ref)) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
  }, true);

  function name() {
    // A heading's "¶" permalink is read as part of its name ("What ...? ¶"):
    // leave it to the pointer; keyboard and screen reader users have the
    // contents list and the page address.
    document.querySelectorAll("article .headerlink").forEach(function (a) {
      a.setAttribute("aria-hidden", "true");
      a.tabIndex = -1;
    });
    document.querySelectorAll("article a.footnote-ref").forEach(function (ref) {
      var note = noteOf(ref);
      var title = note ? titleOf(note) : "";
      ref.setAttribute("aria-label", "Note " + ref.textContent.trim() + (title ? ": " + title : ""));
      ref.setAttribute("aria-haspopup", "dialog");
    });
    // Abbreviation tooltips open on hover, tap and focus, but <abbr> cannot
    // take focus: the first use of each in the article can, so keyboard
    // users reach every definition without a tab stop at each repetition.
    var seen = {};
    document.querySelectorAll("article abbr[title]").forEach(function (a) {
      if (a.closest("[aria-hidden]")) return;
      var k = a.title || a.textContent;
      if (!seen[k]) { seen[k] = 1; a.tabIndex = 0; }
    });
  }

  // Names matter to assistive technology only, not to the first paint: set
  // them when the browser is idle, off the page's start-up work.
  // At most two seconds late: a page that is never idle still gets its names.
  var later = window.requestIdleCallback
    ? function (fn) { return window.requestIdleCallback(fn, { timeout: 2000 }); }
    : function (fn) { return setTimeout(fn, 0); };
  later(name);

  // -- the theme's script, on the first interaction -------------------------

  // A palette toggle tapped before the theme's script is there: switch and
  // remember it as the theme does (body attributes, the other toggle shown,
  // the choice stored where the theme reads it when it starts).
  function onPalette(ev) {
    var input = ev.target;
    var form = input instanceof HTMLInputElement && input.closest("[data-md-component=palette]");
    if (!form) return;
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
    var color = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
      document.body.setAttribute("data-md-color-" + key, color[key]);
    });
    inputs.forEach(function (other) {
      var label = other.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = other !== input;
    });
    if (typeof __md_set === "function") __md_set("__palette", { index: inputs.indexOf(input), color: color });
  }

  var FIRST = ["pointerdown", "pointermove", "touchstart", "keydown", "scroll", "wheel", "focusin"];

  // Material closes the drawer and search 125 ms after it starts on a page
  // with a #target (by clicking their toggles), which on an eager load comes
  // before any reader could open them. Started by the reader's own first tap
  // or key, it would close what that tap or key just opened: so for its
  // first second, the first click that is not the reader's and would close
  // one of them is refused (a reader's own click is trusted, and goes
  // through). Only that one: Material's later closes, on navigating from a
  // link in the drawer, are meant.
  function keepOpened() {
    if (!location.hash) return;
    var toggles = ["__drawer", "__search"]
      .map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
    function done() {
      toggles.forEach(function (t) { t.removeEventListener("click", refuse, true); });
    }
    function refuse(ev) {
      if (!ev.isTrusted && !ev.target.checked) { // the click has just unchecked it
        ev.preventDefault(); // which puts it back
        ev.stopImmediatePropagation();
        setTimeout(done, 0); // Material closes both at once: the other too
      }
    }
    toggles.forEach(function (t) { t.addEventListener("click", refuse, true); });
    setTimeout(done, 1000);
  }

  function loadTheme() {
    FIRST.forEach(function (type) { window.removeEventListener(type, loadTheme, true); });
    var held = document.querySelector("script[data-sg-theme]");
    if (!held) return;
    held.removeAttribute("data-sg-theme");
    var script = document.createElement("script");
    script.src = held.getAttribute("data-src");
    script.onload = function () {
      document.removeEventListener("change", onPalette, true);
      // Material starts on DOMContentLoaded, which has passed: give it one.
      // (The palette toggle is hidden until then, so no choice is lost.)
      if (document.readyState !== "loading") {
        keepOpened();
        document.dispatchEvent(new Event("DOMContentLoaded"));
      }
    };
    held.after(script);
  }

  if (document.querySelector("script[data-sg-theme]")) {
    document.addEventListener("change", onPalette, true);
    FIRST.forEach(function (type) {
      window.addEventListener(type, loadTheme, { capture: true, passive: true });
    });
  }
})();
