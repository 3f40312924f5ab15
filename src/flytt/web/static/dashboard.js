// flytt dashboard: fetch the chart and table for the page's controls from the JSON API.
// A page has <form class="controls" data-api="/api/path/{param}"> and the #chart, #table,
// #title, #notes and #error elements (read data-api with getAttribute: a control named
// "dataset" shadows form.dataset); "flytt:view" is dispatched on the form after each
// update. body[data-ready] is "1" when the page shows the current controls, and
// body[data-query] is the API request it shows (an older answer never replaces a newer).
(function () {
  "use strict";
  const form = document.querySelector("form.controls");
  const body = document.body;
  if (!form) { body.dataset.ready = "1"; return; }
  const opts = { actions: false, renderer: "svg" };
  let updates = 0;
  let requested = 0;
  let current = null;

  function params() {
    const p = new URLSearchParams();
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.multiple) { for (const o of el.selectedOptions) p.append(el.name, o.value); }
      else if (el.value !== "") p.append(el.name, el.value);
    }
    p.set("lang", document.documentElement.lang);
    return p;
  }

  function url() {
    const p = params();
    const path = form.getAttribute("data-api").replace(/\{(\w+)\}/g, function (_, key) {
      const value = p.get(key) || "";
      p.delete(key);
      return encodeURIComponent(value);
    });
    return path + "?" + p.toString();
  }

  function showError(message) {
    const el = document.getElementById("error");
    el.textContent = message;
    el.hidden = !message;
  }

  async function update() {
    const query = url();
    const seq = ++requested;
    body.dataset.ready = "0";
    const response = await fetch(query);
    const data = await response.json();
    if (seq !== requested) return;  // a newer request is under way: keep its answer
    body.dataset.query = query;
    if (!response.ok) {
      const detail = Array.isArray(data.detail)
        ? data.detail.map(function (d) { return (d.loc || []).slice(-1)[0] + ": " + d.msg; }).join("; ")
        : data.detail;
      showError(detail);
      body.dataset.ready = "1";
      return;
    }
    showError("");
    document.getElementById("title").textContent = data.title;
    document.getElementById("table").innerHTML = data.table_html;
    const notes = document.getElementById("notes");
    notes.replaceChildren.apply(notes, data.notes.map(function (n) {
      const p = document.createElement("p"); p.textContent = n; return p;
    }));
    if (current) current.finalize();
    current = await vegaEmbed("#chart", data.spec, opts);
    if (seq !== requested) return;
    const more = document.getElementById("more");
    if (more) {
      more.replaceChildren();
      for (const spec of data.more) {
        const div = document.createElement("div");
        div.className = "chart";
        more.appendChild(div);
        await vegaEmbed(div, spec, opts);
      }
    }
    form.dispatchEvent(new CustomEvent("flytt:view", { detail: { body: data, view: current.view } }));
    updates += 1;
    body.dataset.updates = String(updates);
    body.dataset.ready = "1";
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  window.flytt = { update: update, embed: function (el, spec) { return vegaEmbed(el, spec, opts); } };
  update();
})();
