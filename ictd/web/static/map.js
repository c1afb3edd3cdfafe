/* The embargo map (map.html): Leaflet over the offline Natural Earth base map.
   Areas come from /map/areas.json (only those the user may read), as they were on the
   slider's day; routes of screened shipments and AIS findings come in data- attributes of
   #map (no inline scripts: the Content-Security-Policy forbids them). Popups are built as
   DOM nodes with textContent, never from HTML strings. */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var STATUS_COLOURS = { hit: "#b3261e", review: "#9a6700", clear: "#1e7b3c" };

  function json(element, name) {
    try {
      return JSON.parse(element.getAttribute(name) || "[]");
    } catch (e) {
      return [];
    }
  }

  function popup(title, rows) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var head = document.createElement("strong");
    head.textContent = title;
    box.appendChild(head);
    var list = document.createElement("dl");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") { return; }
      var dt = document.createElement("dt");
      dt.textContent = row[0];
      var dd = document.createElement("dd");
      dd.textContent = String(row[1]);
      list.appendChild(dt);
      list.appendChild(dd);
    });
    box.appendChild(list);
    return box;
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function start() {
    var element = document.getElementById("map");
    if (!element || typeof L === "undefined") { return; }
    var map = L.map(element, { worldCopyJump: false, minZoom: 2, maxZoom: 12, zoomAnimation: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth (public domain)");
    map.setView([34.5, 41.0], 5);
    map.createPane("base");
    map.getPane("base").style.zIndex = 200;
    map.createPane("areas");  // under the routes and findings (overlayPane, 400)
    map.getPane("areas").style.zIndex = 350;

    var status = document.getElementById("map-status");
    var slider = document.getElementById("map-day");
    var label = document.getElementById("map-day-label");
    var current = document.getElementById("map-current");
    var areaLayer = null;
    var fitted = false;
    var extent = null;

    fetch(element.getAttribute("data-base"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        L.geoJSON(data, {
          pane: "base",
          interactive: false,
          style: { color: "#8a96a3", weight: 0.8, fillColor: "#f4f1e8", fillOpacity: 1, className: "base-country" }
        }).addTo(map);
        element.setAttribute("data-base-drawn", String(data.features.length));
      });

    function extend(bounds) {
      if (!bounds || !bounds.isValid()) { return; }
      extent = extent ? extent.extend(bounds) : L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast());
    }

    function drawAreas(data) {
      if (areaLayer) { map.removeLayer(areaLayer); }
      var features = data.areas.map(function (a) {
        return { type: "Feature", properties: a, geometry: a.geometry };
      });
      areaLayer = L.geoJSON({ type: "FeatureCollection", features: features }, {
        pane: "areas",
        style: { color: "#b3261e", weight: 2, fillColor: "#b3261e", fillOpacity: 0.3, className: "area-shape" },
        onEachFeature: function (feature, layer) {
          var a = feature.properties;
          layer.bindPopup(popup(a.name, [
            ["area", a.id + " · version " + a.version],
            ["owner", a.agency],
            ["valid", (a.valid_from || "…") + " – " + (a.valid_until || "…")],
            ["legal basis", a.legal_basis]
          ]));
        }
      }).addTo(map);
      element.setAttribute("data-areas-drawn", String(features.length));
      element.setAttribute("data-areas-on", data.on || "current");
      status.textContent = features.length + (features.length === 1 ? " area" : " areas") +
        (data.on ? " on " + data.on : " (current versions)");
      if (!fitted) {  // the first drawing: show the areas with the routes and findings
        fitted = true;
        extend(areaLayer.getBounds());
        if (extent) { map.fitBounds(extent.pad(0.2), { maxZoom: 7, animate: false }); }
      }
      return data;
    }

    function load(day) {
      var url = element.getAttribute("data-areas") + (day ? "?on=" + encodeURIComponent(day) : "");
      status.textContent = "loading areas…";
      return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) {
          if (!r.ok) { throw new Error("the areas could not be read (" + r.status + ")"); }
          return r.json();
        })
        .then(drawAreas)
        .catch(function (err) { status.textContent = err.message; });
    }

    function setUpSlider(span) {
      var today = Date.now();
      var first = span.from ? Date.parse(span.from) : today - 3650 * DAY_MS;
      var last = span.until ? Date.parse(span.until) : today;
      if (span.open_end) { last = Math.max(last, today); }
      first -= 30 * DAY_MS;
      last += 30 * DAY_MS;
      var days = Math.max(1, Math.round((last - first) / DAY_MS));
      slider.min = "0";
      slider.max = String(days);
      slider.value = String(days);
      slider.setAttribute("data-first", isoDay(first));
      var timer = null;
      slider.addEventListener("input", function () {
        var day = isoDay(first + Number(slider.value) * DAY_MS);
        label.textContent = day;
        if (timer) { clearTimeout(timer); }
        timer = setTimeout(function () { load(day); }, 200);
      });
    }

    // with screened shipments or findings, the areas as they were on their first day
    var days = json(element, "data-routes").map(function (r) { return r.date; })
      .concat(json(element, "data-findings").map(function (f) { return f.start.time.slice(0, 10); }))
      .sort();
    var initial = days.length ? days[0] : null;
    load(initial).then(function (data) {
      if (!data) { return; }
      setUpSlider(data.span);
      if (initial) {
        var first = Date.parse(slider.getAttribute("data-first"));
        slider.value = String(Math.round((Date.parse(initial) - first) / DAY_MS));
        label.textContent = initial;
      }
    });
    current.addEventListener("click", function () {
      label.textContent = "current versions";
      load(null);
    });

    var routes = json(element, "data-routes");
    var drawnRoutes = 0;
    routes.forEach(function (route) {
      var colour = STATUS_COLOURS[route.status] || "#5b6675";
      var points = route.stops.map(function (s) { return [s.lat, s.lon]; });
      var info = popup("Shipment " + route.id, [
        ["date", route.date],
        ["status", route.status],
        ["triggered by", route.triggers.join(", ")],
        ["areas", route.areas.join(", ")],
        ["route", route.stops.map(function (s) { return s.name; }).join(" → ")],
        ["not placed", route.unplaced.join("; ")]
      ]);
      if (points.length > 1) {
        var line = L.polyline(points, { color: colour, weight: 3, opacity: 0.85, className: "route-line" });
        line.bindPopup(info).addTo(map);
        extend(line.getBounds());
      }
      route.stops.forEach(function (s) {
        L.circleMarker([s.lat, s.lon], { radius: 5, color: colour, fillOpacity: 0.9, className: "route-stop" })
          .bindPopup(popup(s.name + (s.country ? ", " + s.country : ""), [["shipment", route.id], ["as", s.role]]))
          .addTo(map);
        extend(L.latLngBounds([s.lat, s.lon], [s.lat, s.lon]));
      });
      drawnRoutes += 1;
    });
    element.setAttribute("data-routes-drawn", String(drawnRoutes));

    var findings = json(element, "data-findings");
    findings.forEach(function (f) {
      var a = [f.start.lat, f.start.lon];
      var b = [f.end.lat, f.end.lon];
      var info = popup(f.kind + " · MMSI " + f.mmsi + (f.other_mmsi ? " + " + f.other_mmsi : ""), [
        ["from", f.start.time], ["to", f.end.time], ["hours", f.hours], ["area", f.area]
      ]);
      L.polyline([a, b], { color: "#5b2a86", weight: 2, dashArray: "4 4", className: "finding-track" }).addTo(map);
      L.circleMarker(a, { radius: 7, color: "#5b2a86", fillOpacity: 0.8, className: "finding-marker" })
        .bindPopup(info).addTo(map);
      extend(L.latLngBounds(a, b));
    });
    element.setAttribute("data-findings-drawn", String(findings.length));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
