// ManifestLint HTML report. Inline in the page (no network): namespaces render lazily from their <template>, so a report of
// a thousand apps opens fast; search and the namespace filter work on attributes written by the generator.
(function () {
  'use strict';
  var errors = document.getElementById('js-errors');
  function recordError(text) { errors.textContent += text + '\n'; }
  window.addEventListener('error', function (e) { recordError('error: ' + e.message); });
  var consoleError = console.error;
  console.error = function () { recordError('console.error: ' + Array.prototype.join.call(arguments, ' ')); consoleError.apply(console, arguments); };

  var sections = Array.prototype.slice.call(document.querySelectorAll('details.ns'));
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var bySection = {};
  sections.forEach(function (s) { bySection[s.dataset.ns] = s; });

  function render(section) {
    if (section.dataset.rendered === 'true') return;
    var template = section.querySelector('template');
    section.querySelector('.graph-host').appendChild(template.content.cloneNode(true));
    section.dataset.rendered = 'true';
    applySearch(section);
  }

  window.addEventListener('beforeprint', function () { sections.forEach(function (s) { if (s.style.display !== 'none') { render(s); s.open = true; } }); });

  function clearHighlight() {
    document.querySelectorAll('.hl').forEach(function (e) { e.classList.remove('hl'); });
    document.querySelectorAll('svg.dim').forEach(function (e) { e.classList.remove('dim'); });
  }

  // An object's own edges light up with it when the object is selected; a finding lights up only the edges it is about.
  function highlightNode(domId, withEdges) {
    document.querySelectorAll('[data-node="' + domId + '"]').forEach(function (n) {
      n.classList.add('hl');
      n.closest('svg').classList.add('dim');
      var svg = n.closest('svg');
      if (!withEdges) return;
      svg.querySelectorAll('.edge[data-from="' + domId + '"], .edge[data-to="' + domId + '"]').forEach(function (e) {
        e.classList.add('hl');
        var label = svg.querySelector('.edge-label[data-edge="' + e.dataset.edge + '"]');
        if (label) label.classList.add('hl');
      });
    });
  }

  function highlightEdge(domId) {
    document.querySelectorAll('[data-edge="' + domId + '"]').forEach(function (e) { e.classList.add('hl'); e.closest('svg').classList.add('dim'); });
  }

  // A click on a node highlights it, its edges and the findings about it.
  document.addEventListener('click', function (event) {
    var node = event.target.closest && event.target.closest('.node');
    if (node) {
      clearHighlight();
      highlightNode(node.dataset.node, true);
      var first = null;
      findings.forEach(function (f) {
        if ((' ' + f.dataset.nodes + ' ').indexOf(' ' + node.dataset.node + ' ') >= 0) { f.classList.add('hl'); first = first || f; }
      });
      if (first) first.scrollIntoView({ block: 'nearest' });
      return;
    }
    var finding = event.target.closest && event.target.closest('.finding');
    if (finding) {
      clearHighlight();
      finding.classList.add('hl');
      var section = bySection[finding.dataset.ns];
      if (section) { section.open = true; render(section); }
      (finding.dataset.nodes || '').split(' ').filter(Boolean).forEach(function (id) { highlightNode(id, false); });
      (finding.dataset.edges || '').split(' ').filter(Boolean).forEach(highlightEdge);
      var target = document.querySelector('.edge.hl, .node.hl');
      if (target && target.scrollIntoView) target.scrollIntoView({ block: 'center', inline: 'center' });
    }
  });

  var search = document.getElementById('search');
  var filter = document.getElementById('ns-filter');
  function query() { return search.value.trim().toLowerCase(); }

  function applySearch(section) {
    var q = query();
    section.querySelectorAll('.node').forEach(function (n) {
      n.classList.toggle('match', q.length > 0 && n.dataset.search.indexOf(q) >= 0);
    });
  }

  function applyFilters() {
    var ns = filter.value, q = query();
    sections.forEach(function (s) {
      var visible = (!ns || s.dataset.ns === ns) && (!q || s.dataset.search.indexOf(q) >= 0);
      s.style.display = visible ? '' : 'none';
      if (visible && (ns || q) && sections.length <= 50) { s.open = true; }
      if (visible && ns) { s.open = true; }
      if (s.dataset.rendered === 'true') applySearch(s);
    });
    findings.forEach(function (f) {
      var visible = (!ns || f.dataset.ns === ns) && (!q || f.textContent.toLowerCase().indexOf(q) >= 0);
      f.style.display = visible ? '' : 'none';
    });
  }

  var admits = document.getElementById('show-admits');
  admits.addEventListener('change', function () { document.body.classList.toggle('hide-admits', !admits.checked); });

  var pending = 0;
  search.addEventListener('input', function () { clearTimeout(pending); pending = setTimeout(applyFilters, 150); });
  filter.addEventListener('change', applyFilters);
  // Drawn last, once everything the drawing uses (search state) is defined.
  sections.forEach(function (s) {
    if (s.open) render(s);
    s.addEventListener('toggle', function () { if (s.open) render(s); });
  });
  // A link to a finding (report.html#f3) or an object (#n12) opens the page with it selected, as a click would.
  var linked = /^#[fn][0-9]+$/.test(location.hash) && document.querySelector('.finding' + location.hash + ', .node[data-node="' + location.hash.slice(1) + '"]');
  if (linked) linked.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  document.body.dataset.ready = 'true';
})();
