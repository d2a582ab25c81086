/*
 * Status banner for your own site. Include it with:
 *   <script src="https://status.example.org/embed.js" async></script>
 * It reads the page's public API and shows a small dismissible banner while an incident is open or
 * maintenance is in progress. No dependencies; the data-position="top" attribute puts it at the top, and
 * data-lang="de" (or the host page's <html lang>) picks the banner's language.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var base = (script.getAttribute("data-base") || new URL(script.src).origin).replace(/\/+$/, "");
  var position = script.getAttribute("data-position") === "top" ? "top" : "bottom";
  var KEY = "status-embed-dismissed";
  // The words of namespace "embed-banner" (core/i18n/messages), copied here by hand: scripts/embed-words.test.ts
  // fails when they differ. The admin's incident names and updates are shown as written.
  var WORDS = {"en":{"view":"View status","dismiss":"Dismiss status message"},"de":{"view":"Status ansehen","dismiss":"Statusmeldung schließen"},"fr":{"view":"Voir l’état","dismiss":"Fermer le message d’état"},"es":{"view":"Ver el estado","dismiss":"Cerrar el mensaje de estado"},"nl":{"view":"Status bekijken","dismiss":"Statusmelding sluiten"},"pt-BR":{"view":"Ver status","dismiss":"Fechar mensagem de status"},"ja":{"view":"ステータスを見る","dismiss":"ステータスメッセージを閉じる"},"ar":{"view":"عرض الحالة","dismiss":"إغلاق رسالة الحالة"}};
  var lang = String(script.getAttribute("data-lang") || document.documentElement.lang || "en");
  if (!WORDS[lang]) lang = lang.slice(0, 2) === "pt" ? "pt-BR" : WORDS[lang.split("-")[0]] ? lang.split("-")[0] : "en";
  var words = WORDS[lang];
  var COLORS = { none: "#334155", minor: "#b7791f", major: "#dd6b20", critical: "#c53030", maintenance: "#2b6cb0" };

  function dismissed() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch { return []; }
  }
  function dismiss(id) {
    try { localStorage.setItem(KEY, JSON.stringify(dismissed().concat(id).slice(-20))); } catch { /* private mode */ }
  }

  function pick(summary) {
    var open = (summary.incidents || []).map(function (i) {
      return { id: i.id + ":" + i.updated_at, name: i.name, impact: i.impact, url: i.shortlink, update: i.incident_updates[0] };
    });
    var active = (summary.scheduled_maintenances || []).filter(function (m) {
      return m.status === "in_progress" || m.status === "verifying";
    }).map(function (m) {
      return { id: m.id + ":" + m.updated_at, name: m.name, impact: "maintenance", url: m.shortlink, update: m.incident_updates[0] };
    });
    var seen = dismissed();
    return open.concat(active).filter(function (x) { return seen.indexOf(x.id) < 0; })[0];
  }

  function show(item) {
    var old = document.getElementById("status-embed-banner");
    if (old) old.remove();
    var bar = document.createElement("div");
    bar.id = "status-embed-banner";
    bar.setAttribute("role", "status");
    bar.setAttribute("aria-live", "polite");
    bar.setAttribute("lang", lang);
    bar.setAttribute("dir", lang === "ar" ? "rtl" : "ltr");
    bar.style.cssText = "position:fixed;left:12px;right:12px;" + position + ":12px;z-index:2147483647;display:flex;gap:12px;align-items:flex-start;" +
      "max-width:640px;margin:0 auto;padding:12px 14px;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.25);color:#fff;" +
      "font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;background:" + (COLORS[item.impact] || COLORS.minor);
    var text = document.createElement("div");
    text.style.cssText = "flex:1;min-width:0";
    var title = document.createElement("strong");
    title.textContent = item.name;
    var body = document.createElement("div");
    body.textContent = item.update ? item.update.body.slice(0, 200) : "";
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = words.view;
    link.style.cssText = "color:#fff;text-decoration:underline;font-weight:600";
    text.appendChild(title);
    text.appendChild(body);
    text.appendChild(link);
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", words.dismiss);
    close.textContent = "\u00d7";
    close.style.cssText = "background:transparent;border:0;color:#fff;font-size:20px;line-height:1;cursor:pointer;padding:0 4px";
    close.onclick = function () { dismiss(item.id); bar.remove(); };
    bar.appendChild(text);
    bar.appendChild(close);
    document.body.appendChild(bar);
  }

  function check() {
    fetch(base + "/api/v2/summary.json", { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (summary) {
        var item = summary && pick(summary);
        if (item) show(item);
        else { var old = document.getElementById("status-embed-banner"); if (old) old.remove(); }
      })
      .catch(function () { /* the status page is unreachable: show nothing rather than an error */ });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
  setInterval(check, 5 * 60 * 1000);
})();
