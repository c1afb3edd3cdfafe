/* ICTD web console behaviour: errors of HTMX requests, the relation graph, live alerts.
   No inline scripts (the Content-Security-Policy forbids them); data comes in data- attributes. */
(function () {
  "use strict";

  function flash(message) {
    var box = document.getElementById("flash-js");
    if (!box) {
      box = document.createElement("p");
      box.id = "flash-js";
      box.className = "flash bad";
      box.setAttribute("role", "alert");
      document.getElementById("main").prepend(box);
    }
    box.textContent = message;
  }

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    var lead = doc.querySelector(".lead");
    flash((lead ? lead.textContent : "The request failed") + " (" + xhr.status + ")");
  });
  document.addEventListener("htmx:sendError", function () {
    flash("The server could not be reached.");
  });

  var COLOURS = { Person: "#1f5fa8", Organization: "#8a3ffc", Company: "#007d79", Vessel: "#b28600", Aircraft: "#6f6f6f" };

  function initGraph(box) {
    if (!window.cytoscape) { return; }
    var side = document.getElementById("graph-side");
    var cy = window.cytoscape({
      container: box,
      elements: [],
      wheelSensitivity: 0.3,
      maxZoom: 1.6,
      minZoom: 0.2,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 11, "text-wrap": "ellipsis", "text-max-width": 140,
          "background-color": function (n) { return COLOURS[n.data("schema")] || "#555"; },
          "width": 22, "height": 22, "text-valign": "bottom", "text-margin-y": 4,
          "font-family": getComputedStyle(document.body).fontFamily } },
        { selector: "node[?listed]", style: { "border-width": 3, "border-color": "#b3261e" } },
        { selector: "node[?centre]", style: { "width": 34, "height": 34, "font-weight": "bold" } },
        { selector: "edge", style: {
          "label": "data(label)", "font-size": 9, "curve-style": "bezier", "width": 1.5,
          "target-arrow-shape": "triangle", "line-color": "#9aa7b6", "target-arrow-color": "#9aa7b6",
          "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8 } },
        { selector: ":selected", style: { "border-width": 3, "border-color": "#ffb000" } }
      ]
    });
    var loaded = {};
    function load(url, around) {
      if (loaded[url]) { return; }
      loaded[url] = true;
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (data) {
          var fresh = data.elements.filter(function (e) { return cy.getElementById(e.data.id).empty(); });
          cy.add(fresh);
          var layout = cy.layout({ name: "cose", animate: false, randomize: false, fit: true, padding: 30 });
          layout.run();
          box.setAttribute("data-nodes", String(cy.nodes().length));
          box.setAttribute("data-ready", "true");
          if (around) { cy.getElementById(around).select(); }
        })
        .catch(function (err) { side.textContent = "The graph could not be loaded (" + err.message + ")."; });
    }
    cy.on("tap", "node", function (event) {
      var node = event.target;
      side.replaceChildren();
      var link = document.createElement("a");
      link.href = "/subjects/" + node.id();
      var name = document.createElement("bdi");
      name.setAttribute("dir", "auto");
      name.textContent = node.data("label");
      link.append(name);
      side.append(link, document.createTextNode(" · " + node.data("schema") + (node.data("listed") ? " · listed" : "") + " — tap again to expand its relations"));
      if (node.data("tapped")) { load("/subjects/" + node.id() + "/graph.json", node.id()); }
      node.data("tapped", true);
    });
    load(box.getAttribute("data-src"), null);
    window.ictdGraph = cy;
  }

  function initAlerts(list) {
    if (!window.EventSource) { return; }
    var source = new EventSource(list.getAttribute("data-stream"));
    source.addEventListener("alert", function () {
      var current = document.getElementById(list.id);  // HTMX replaces the list on refresh
      if (window.htmx && current) { window.htmx.trigger(current, "ictd:alert"); }
    });
    source.addEventListener("open", function () {
      var current = document.getElementById(list.id);
      if (current) { current.setAttribute("data-live", "true"); }
    });
    document.body.addEventListener("htmx:afterSwap", function () {
      var current = document.getElementById(list.id);
      if (current && source.readyState === 1) { current.setAttribute("data-live", "true"); }
    });
    window.addEventListener("beforeunload", function () { source.close(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("graph");
    if (box) { initGraph(box); }
    var alerts = document.querySelector("[data-stream]");
    if (alerts) { initAlerts(alerts); }
  });
})();
