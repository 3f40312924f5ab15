// flytt dashboard: fetch the chart and table for the page's controls from the JSON API.
// A page has <form class="controls" data-api="/api/path/{param}"> and the #chart, #table,
// #title, #notes and #error elements (read data-api with getAttribute: a control named
// "dataset" shadows form.dataset); "flytt:view" is dispatched on the form after each
// update. body[data-ready] is "1" when the page shows the current controls ("0" while
// loading: .view gets the class "loading"), and body[data-query] is the API request it shows
// (only the answer to the latest request is drawn; an older one is aborted). A control
// change that does not change the request sends none. On an error the message replaces
// the chart, the table and the notes (body[data-errors] counts the errors shown).
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

  function setLoading(on) {
    const view = document.querySelector(".view");
    if (view) view.classList.toggle("loading", on);
    document.getElementById("chart").setAttribute("aria-busy", on ? "true" : "false");
    body.dataset.ready = on ? "0" : "1";
  }

  // On an error nothing of the previous answer stays: the message replaces chart and table.
  function clearView() {
    if (current) { current.finalize(); current = null; }
    document.getElementById("chart").replaceChildren();
    document.getElementById("title").textContent = "";
    document.getElementById("table").replaceChildren();
    document.getElementById("notes").replaceChildren();
    const more = document.getElementById("more");
    if (more) more.replaceChildren();
    const history = document.getElementById("history");
    if (history) history.hidden = true;
  }

  function problem(data, status) {
    if (data && Array.isArray(data.detail)) {
      return data.detail.map(function (d) { return (d.loc || []).slice(-1)[0] + ": " + d.msg; }).join("; ");
    }
    if (data && typeof data.detail === "string") return data.detail;
    return "The server could not answer (HTTP " + status + ").";
  }

  let shownQuery = null;   // the request whose answer is on screen (or under way)
  let controller = null;   // aborts the request a newer one replaces

  async function update() {
    const query = url();
    if (query === shownQuery) return;  // one request per change (change + submit, Enter)
    shownQuery = query;
    const seq = ++requested;
    if (controller) controller.abort();
    controller = new AbortController();
    setLoading(true);
    let response, data;
    try {
      response = await fetch(query, { signal: controller.signal });
      data = await response.json().catch(function () { return null; });
    } catch (err) {
      if (seq !== requested) return;  // aborted by a newer request
      response = { ok: false, status: 0 }; data = { detail: "No answer from the server: " + err };
    }
    if (seq !== requested) return;  // a newer request is under way: keep its answer
    body.dataset.query = query;
    if (!response.ok || !data) {
      clearView();
      showError(problem(data, response.status));
      body.dataset.errors = String(Number(body.dataset.errors || 0) + 1);
      setLoading(false);
      return;
    }
    try {
      await render(data, seq);
    } catch (err) {
      if (seq !== requested) return;
      clearView();
      showError("The chart could not be drawn: " + err);
      setLoading(false);
      return;
    }
  }

  async function render(data, seq) {
    showError("");
    document.getElementById("title").textContent = data.title;
    document.getElementById("table").innerHTML = data.table_html;
    const notes = document.getElementById("notes");
    notes.replaceChildren.apply(notes, data.notes.map(function (n) {
      const p = document.createElement("p"); p.textContent = n; return p;
    }));
    if (current) { current.finalize(); current = null; }
    const embedded = await vegaEmbed("#chart", data.spec, opts);
    if (seq !== requested) { embedded.finalize(); return; }
    current = embedded;
    const more = document.getElementById("more");
    if (more) {
      more.replaceChildren();
      for (const spec of data.more) {
        const div = document.createElement("div");
        div.className = "chart";
        more.appendChild(div);
        await vegaEmbed(div, spec, opts);
        if (seq !== requested) return;
      }
    }
    form.dispatchEvent(new CustomEvent("flytt:view", { detail: { body: data, view: current.view } }));
    updates += 1;
    body.dataset.updates = String(updates);
    setLoading(false);
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  window.flytt = { update: update, clear: clearView, embed: function (el, spec) { return vegaEmbed(el, spec, opts); } };
  update();
})();
