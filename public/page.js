// The public pages' only script (no framework JavaScript is sent): shows times in the visitor's zone and
// the uptime day details on hover, focus (arrow keys) and tap. Everything it shows is also in the HTML.
(function () {
  "use strict";
  // The page's language (<html lang>, set from its URL): times and numbers read as the rest of the page does.
  var lang = document.documentElement.lang || "en-US";
  if (lang === "en") lang = "en-US";
  var OPTIONS = {
    datetime: { month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
    time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
  };
  document.querySelectorAll("time[data-style]").forEach(function (el) {
    var options = OPTIONS[el.getAttribute("data-style")];
    var date = new Date(el.getAttribute("datetime"));
    if (options && !isNaN(date)) {
      el.title = el.textContent;
      el.textContent = new Intl.DateTimeFormat(lang, options).format(date);
    }
  });

  var holder = document.querySelector("[data-incidents]");
  var bars = document.querySelectorAll("svg.uptime-bars");
  if (!holder || !bars.length) return;
  // The words come translated from the page (data-labels, core/i18n); English if a page has none.
  var LABELS = { o: "Operational", d: "Degraded performance", p: "Partial outage", m: "Major outage", u: "Under maintenance", n: "No data", uptime: "{uptime} uptime", none: "No incidents", incident: "Incident" };
  try {
    var given = JSON.parse(holder.getAttribute("data-labels") || "{}");
    for (var key in given) LABELS[key] = given[key];
  } catch {
    // Malformed labels: keep the English ones.
  }
  var base = holder.getAttribute("data-base") || "";
  var percent = new Intl.NumberFormat(lang, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var names = JSON.parse(holder.getAttribute("data-incidents") || "{}");
  var tip = document.createElement("div");
  tip.id = "uptime-tip";
  tip.className = "uptime-tip";
  tip.hidden = true;
  tip.setAttribute("aria-live", "polite");
  var current = null;
  var pinned = false;

  function days(svg) {
    if (!svg._days) {
      svg._days = {};
      (svg.getAttribute("data-days") || "").split(";").forEach(function (entry) {
        if (!entry) return;
        var f = entry.split(":");
        svg._days[f[0]] = { code: f[1], bp: f[2], incidents: f[3] ? f[3].split(" ") : [] };
      });
    }
    return svg._days;
  }
  function total(svg) { return Math.round((svg.viewBox.baseVal.width + 1) / 4); }
  function visible(svg) { return parseInt(getComputedStyle(svg).getPropertyValue("--days"), 10) || total(svg); }
  function dateOf(svg, i) {
    var d = new Date(svg.getAttribute("data-last") + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - (total(svg) - 1 - i));
    return new Intl.DateTimeFormat(lang, { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }).format(d);
  }
  function line(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }
  function show(svg, i) {
    var n = total(svg);
    i = Math.max(n - visible(svg), Math.min(n - 1, i));
    current = { svg: svg, i: i };
    var start = parseInt(svg.getAttribute("data-start"), 10) || 0;
    var day = i < start ? { code: "n", bp: "", incidents: [] } : days(svg)[i] || { code: "o", bp: "10000", incidents: [] };
    tip.textContent = "";
    tip.appendChild(line("strong", dateOf(svg, i)));
    var uptime = day.bp === "" ? LABELS.n : LABELS.uptime.replace("{uptime}", percent.format(Number(day.bp) / 10000));
    tip.appendChild(line("p", uptime + (day.code !== "n" && day.code !== "o" ? " - " + LABELS[day.code] : "")));
    if (day.incidents.length) {
      var list = document.createElement("ul");
      day.incidents.forEach(function (id) {
        var item = document.createElement("li");
        var link = line("a", names[id] || LABELS.incident);
        link.href = base + "/incidents/" + encodeURIComponent(id);
        item.appendChild(link);
        list.appendChild(item);
      });
      tip.appendChild(list);
    } else if (day.code !== "n") {
      tip.appendChild(line("p", LABELS.none));
    }
    var box = svg.getBoundingClientRect();
    var parent = svg.parentNode;
    parent.insertBefore(tip, svg.nextSibling);
    tip.hidden = false;
    var x = ((i - (n - visible(svg)) + 0.5) / visible(svg)) * box.width;
    tip.style.left = Math.max(0, Math.min(box.width - tip.offsetWidth, x - tip.offsetWidth / 2)) + "px";
    svg.setAttribute("aria-describedby", "uptime-tip");
  }
  function hide() {
    tip.hidden = true;
    pinned = false;
    current = null;
  }
  function indexAt(svg, clientX) {
    var box = svg.getBoundingClientRect();
    var v = visible(svg);
    return total(svg) - v + Math.floor(((clientX - box.left) / box.width) * v);
  }

  bars.forEach(function (svg) {
    svg.setAttribute("tabindex", "0");
    svg.parentNode.style.position = "relative";
    svg.addEventListener("pointermove", function (e) { if (!pinned) show(svg, indexAt(svg, e.clientX)); });
    svg.addEventListener("pointerleave", function () { if (!pinned) hide(); });
    svg.addEventListener("click", function (e) { show(svg, indexAt(svg, e.clientX)); pinned = true; });
    svg.addEventListener("focus", function () { show(svg, total(svg) - 1); });
    svg.addEventListener("blur", function (e) { if (!tip.contains(e.relatedTarget)) hide(); });
    svg.addEventListener("keydown", function (e) {
      var i = current && current.svg === svg ? current.i : total(svg) - 1;
      var keys = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: total(svg) - 1 };
      if (e.key in keys) {
        e.preventDefault();
        show(svg, keys[e.key]);
      } else if (e.key === "Escape") hide();
    });
  });
  tip.addEventListener("focusout", function (e) {
    if (!tip.contains(e.relatedTarget) && (!current || e.relatedTarget !== current.svg)) hide();
  });
  document.addEventListener("click", function (e) {
    if (pinned && current && !current.svg.contains(e.target) && !tip.contains(e.target)) hide();
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();
