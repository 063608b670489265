/* bitext review page: filters by rule and severity, keyboard navigation between findings.
   Plain ES2017, no dependencies, no network. State lives in the DOM (checkboxes, hidden). */
(function () {
  "use strict";
  var doc = document;
  var all = Array.prototype.slice.call(doc.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(doc.querySelectorAll("mark.hl"));
  var rows = Array.prototype.slice.call(doc.querySelectorAll("tbody.pair, li.unpaired-item"));
  var boxes = Array.prototype.slice.call(doc.querySelectorAll("input[data-filter]"));
  var onlyFindings = doc.getElementById("only-findings");
  var position = doc.getElementById("position");
  var help = doc.getElementById("help");
  var toolbar = doc.querySelector(".toolbar");
  var current = null;

  function enabled(kind) {
    var on = {};
    boxes.forEach(function (b) { if (b.dataset.filter === kind && b.checked) { on[b.value] = true; } });
    return on;
  }

  function visible() {
    return all.filter(function (li) { return !li.hidden; });
  }

  function apply() {
    var rules = enabled("rule");
    var sevs = enabled("severity");
    var shown = {};
    all.forEach(function (li) {
      var show = !!(rules[li.dataset.rule] && sevs[li.dataset.severity]);
      li.hidden = !show;
      if (show) { shown[li.id] = true; }
    });
    marks.forEach(function (m) {
      var ids = (m.dataset.f || "").split(" ");
      var on = ids.some(function (id) { return shown[id]; });
      m.classList.toggle("off", !on);
    });
    rows.forEach(function (row) {
      var has = row.querySelector("li.finding:not([hidden])") !== null;
      row.hidden = onlyFindings.checked && !has;
    });
    if (current && (current.hidden || current.closest("[hidden]"))) { setCurrent(null); }
    status();
  }

  function status() {
    var list = visible();
    var at = current ? list.indexOf(current) + 1 : 0;
    position.textContent = (at ? at + " / " : "") + list.length + " shown" +
      (list.length === all.length ? "" : " of " + all.length);
  }

  function setCurrent(li) {
    marks.forEach(function (m) { m.classList.remove("current"); });
    if (current) { current.classList.remove("current"); }
    current = li;
    if (li) {
      li.classList.add("current");
      marks.forEach(function (m) {
        if ((" " + m.dataset.f + " ").indexOf(" " + li.id + " ") >= 0) { m.classList.add("current"); }
      });
      li.focus({ preventScroll: true });
      var target = doc.querySelector("mark.hl.current") || li;
      var row = li.closest("tbody, li.unpaired-item") || li;
      (row.getBoundingClientRect().height < window.innerHeight * 0.7 ? row : target)
        .scrollIntoView({ block: "center" });
    }
    status();
  }

  function move(step) {
    var list = visible();
    if (!list.length) { return; }
    var i = current ? list.indexOf(current) : -1;
    if (i < 0) { i = step > 0 ? 0 : list.length - 1; }
    else { i = Math.min(list.length - 1, Math.max(0, i + step)); }
    setCurrent(list[i]);
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
        (t.tagName === "INPUT" && !/^(checkbox|radio|button)$/.test(t.type)))) { return; }
    var list;
    switch (e.key) {
      case "j": case "n": move(1); break;
      case "k": case "p": move(-1); break;
      case "g": list = visible(); if (list.length) { setCurrent(list[0]); } break;
      case "G": list = visible(); if (list.length) { setCurrent(list[list.length - 1]); } break;
      case "?": help.hidden = !help.hidden; break;
      case "Escape": help.hidden = true; setCurrent(null); break;
      default: return;
    }
    e.preventDefault();
  }

  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  onlyFindings.addEventListener("change", apply);
  doc.addEventListener("keydown", onKey);
  all.forEach(function (li) {
    li.addEventListener("click", function () { setCurrent(li); });
  });
  marks.forEach(function (m) {
    m.addEventListener("click", function () {
      var id = (m.dataset.f || "").split(" ").filter(function (x) {
        var li = doc.getElementById(x);
        return li && !li.hidden;
      })[0];
      if (id) { setCurrent(doc.getElementById(id)); }
    });
  });
  doc.getElementById("reset").addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = true; });
    onlyFindings.checked = false;
    apply();
  });
  Array.prototype.forEach.call(doc.querySelectorAll("button.only-rule"), function (btn) {
    btn.addEventListener("click", function () {
      boxes.forEach(function (b) {
        if (b.dataset.filter === "rule") { b.checked = b.value === btn.dataset.rule; }
        if (b.dataset.filter === "severity") { b.checked = true; }
      });
      apply();
      move(1);
    });
  });
  // The table headers stick just under the toolbar. Measured after the first paint, and set on
  // the few document sections only: on the root it would restyle every element.
  var sections = Array.prototype.slice.call(doc.querySelectorAll("section.document"));
  var stuckAt = -1;
  function stick() {
    var h = toolbar.offsetHeight;
    if (h === stuckAt) { return; }
    stuckAt = h;
    sections.forEach(function (t) { t.style.setProperty("--toolbar-h", h + "px"); });
  }
  window.addEventListener("resize", function () { window.requestAnimationFrame(stick); });
  window.requestAnimationFrame(stick);
  // The page is rendered with everything shown; only a restored form state needs applying.
  var restored = boxes.some(function (b) { return !b.checked; }) || onlyFindings.checked;
  if (restored) { apply(); } else { status(); }
  // review.html#f12 opens on finding 12 (ids follow the result's order, so links stay valid).
  var linked = location.hash && doc.getElementById(location.hash.slice(1));
  if (linked && linked.classList.contains("finding") && !linked.hidden) { setCurrent(linked); }
})();
