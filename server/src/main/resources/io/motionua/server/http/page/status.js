// The status page: renders each "status" event of /api/events into the tables.
// Text only goes in through textContent: names and messages are never parsed as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function badge(td, text, className) {
    td.textContent = "";
    const span = document.createElement("span");
    span.className = "badge " + className;
    span.textContent = text;
    td.appendChild(span);
  }

  function fixed(value, digits) {
    return typeof value === "number" ? value.toFixed(digits) : "";
  }

  function renderAxes(axes) {
    const body = $("axes").tBodies[0];
    body.textContent = "";
    for (const a of axes) {
      const row = document.createElement("tr");
      row.dataset.axis = a.name;
      row.id = "axis-" + a.name;
      cell(row, a.name);
      badge(cell(row, ""), a.state, a.state);
      cell(row, fixed(a.position, 3) + " " + a.unit, "num position");
      cell(row, fixed(a.commandedPosition, 3), "num commanded");
      cell(row, fixed(a.followingError, 3), "num following-error");
      cell(row, fixed(a.speed, 3), "num speed");
      cell(row, a.homed ? "yes" : "no");
      cell(row, a.drive);
      badge(cell(row, ""), a.driveHealth, a.driveHealth);
      cell(row, a.fault, "fault-text");
      body.appendChild(row);
    }
  }

  function renderLinks(links) {
    const body = $("links").tBodies[0];
    body.textContent = "";
    for (const l of links) {
      const row = document.createElement("tr");
      row.dataset.link = l.name;
      row.id = "link-" + l.name;
      cell(row, l.name);
      badge(cell(row, ""), l.connected ? "up" : "down", l.connected ? "up" : "down");
      cell(row, fixed(l.requestsPerSecond, 1), "num");
      cell(row, fixed(l.errorsPerSecond, 1), "num");
      cell(row, l.requests, "num");
      cell(row, l.errors, "num errors");
      cell(row, l.timeouts, "num");
      cell(row, l.reconnects, "num");
      cell(row, fixed(l.meanRoundTripMs, 2) + " / " + fixed(l.p99RoundTripMs, 2), "num");
      cell(
        row,
        l.drives
          .map((d) => d.name + " (" + d.unitId + "): " + (d.demoted ? "off scan" : d.answering ? "ok" : "silent"))
          .join(", ")
      );
      cell(row, l.lastError);
      body.appendChild(row);
    }
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
    badge($("health"), status.health, status.health === "UP" ? "up" : "down");
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
