// The status page: renders each "status" event of /api/events into the tables.
// Text only goes in through textContent: names and messages are never parsed as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  // Rows of axes and links are made once and then updated in place: the table does not flicker,
  // and text a user selects stays selected.
  function setCell(td, text, className) {
    const t = text === null || text === undefined ? "" : String(text);
    if (td.textContent !== t) td.textContent = t;
    td.className = className || "";
  }

  function setBadge(td, text, className) {
    let span = td.firstElementChild;
    if (!span) {
      td.textContent = "";
      span = document.createElement("span");
      td.appendChild(span);
    }
    span.className = "badge " + className;
    if (span.textContent !== text) span.textContent = text;
  }

  function row(body, id, key, name, columns) {
    let tr = document.getElementById(id);
    if (!tr) {
      tr = document.createElement("tr");
      tr.id = id;
      tr.dataset[key] = name;
      for (let i = 0; i < columns; i++) tr.appendChild(document.createElement("td"));
      body.appendChild(tr);
    }
    return tr.cells;
  }

  function dropRowsNotIn(body, ids) {
    for (const tr of Array.from(body.rows)) {
      if (!ids.has(tr.id)) tr.remove();
    }
  }

  function fixed(value, digits) {
    return typeof value === "number" ? value.toFixed(digits) : "";
  }

  function renderAxes(axes) {
    const body = $("axes").tBodies[0];
    const ids = new Set();
    for (const a of axes) {
      const id = "axis-" + a.name;
      ids.add(id);
      const c = row(body, id, "axis", a.name, 10);
      setCell(c[0], a.name);
      setBadge(c[1], a.state, a.state);
      setCell(c[2], fixed(a.position, 3) + " " + a.unit, "num position");
      setCell(c[3], fixed(a.commandedPosition, 3), "num commanded");
      setCell(c[4], fixed(a.followingError, 3), "num following-error");
      setCell(c[5], fixed(a.speed, 3), "num speed");
      setCell(c[6], a.homed ? "yes" : "no");
      setCell(c[7], a.drive);
      setBadge(c[8], a.driveHealth, a.driveHealth);
      setCell(c[9], a.fault, "fault-text");
    }
    dropRowsNotIn(body, ids);
  }

  function renderLinks(links) {
    const body = $("links").tBodies[0];
    const ids = new Set();
    for (const l of links) {
      const id = "link-" + l.name;
      ids.add(id);
      const c = row(body, id, "link", l.name, 11);
      setCell(c[0], l.name);
      setBadge(c[1], l.connected ? "up" : "down", l.connected ? "up" : "down");
      setCell(c[2], fixed(l.requestsPerSecond, 1), "num");
      setCell(c[3], fixed(l.errorsPerSecond, 1), "num");
      setCell(c[4], l.requests, "num");
      setCell(c[5], l.errors, "num errors");
      setCell(c[6], l.timeouts, "num");
      setCell(c[7], l.reconnects, "num");
      setCell(c[8], fixed(l.meanRoundTripMs, 2) + " / " + fixed(l.p99RoundTripMs, 2), "num");
      setCell(
        c[9],
        l.drives
          .map((d) => d.name + " (" + d.unitId + "): " + (d.demoted ? "off scan" : d.answering ? "ok" : "silent"))
          .join(", ")
      );
      setCell(c[10], l.lastError);
    }
    dropRowsNotIn(body, ids);
  }

  function cell(tr, text, className) {
    const td = document.createElement("td");
    setCell(td, text, className);
    tr.appendChild(td);
    return td;
  }

  function renderAlarms(alarms, problems) {
    const table = $("alarms");
    const body = table.tBodies[0];
    body.textContent = "";
    for (const a of alarms) {
      const row = document.createElement("tr");
      cell(row, a.severity, a.severity >= 700 ? "sev-high" : "");
      cell(row, a.source);
      cell(row, a.name);
      cell(row, a.message);
      cell(row, (a.active ? "active" : "inactive") + (a.acknowledged ? ", acknowledged" : ", unacknowledged"));
      cell(row, a.time ? new Date(a.time).toLocaleTimeString() : "");
      body.appendChild(row);
    }
    table.hidden = alarms.length === 0;
    $("no-alarms").hidden = alarms.length !== 0;
    const list = $("problems");
    list.textContent = "";
    for (const p of problems) {
      const li = document.createElement("li");
      li.textContent = p;
      list.appendChild(li);
    }
  }

  function render(status) {
    $("machine").textContent = status.machine;
    document.title = status.machine + " - MotionUA status";
    setBadge($("health"), status.health, status.health === "UP" ? "up" : "down");
    renderAlarms(status.alarms, status.problems);
    renderAxes(status.axes);
    renderLinks(status.links);
    $("time").textContent = new Date(status.time).toLocaleTimeString();
  }

  function connection(text, className) {
    const c = $("connection");
    c.textContent = text;
    c.className = "badge " + className;
  }

  function toLogin() {
    window.location.assign("/login");
  }

  function whoami() {
    return fetch("/api/whoami", { credentials: "same-origin" }).then((r) => {
      if (r.status === 401) {
        toLogin();
        return null;
      }
      return r.json();
    });
  }

  function listen() {
    const events = new EventSource("/api/events");
    events.addEventListener("status", (e) => {
      connection("live", "live");
      render(JSON.parse(e.data));
    });
    events.addEventListener("ended", () => {
      events.close();
      toLogin();
    });
    events.addEventListener("busy", (e) => {
      events.close();
      connection(e.data, "lost");
    });
    events.onerror = () => {
      connection("connection lost", "lost");
      // The browser retries by itself while the session lasts; a refused stream is closed.
      if (events.readyState === EventSource.CLOSED) {
        whoami().then((me) => {
          if (me) setTimeout(listen, 2000);
        });
      }
    };
  }

  whoami().then((me) => {
    if (!me) return;
    $("user").textContent = me.user + " (" + me.role + ")";
    listen();
  });
})();
