/* civic-kg graph page. Vanilla JS over vis-network.
 * All article text reaches the DOM through textContent (or vis's canvas):
 * never innerHTML, so markup inside a name is shown, not run. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);

  // Interface strings; entity and relation labels come from kg.vocab via DATA.
  var UI = {
    zh: {
      find: "查找", selected: "选中：", hops: "跳数", hood: "只看邻域", reset: "显示全部",
      dir_both: "双向", dir_in: "指向它（如位于其中）", dir_out: "从它出发",
      edge_labels: "关系标签", types: "实体类型", predicates: "关系", details: "详情",
      search: "按名称或别名搜索", lang: "English", count: "实体 {n} · 关系 {m}",
      not_found: "未找到：", type: "类型", aliases: "别名", alt_types: "也可能是",
      code: "区划代码", degree: "关系数", articles: "报道", amount: "金额",
      yuan: "元", role: "角色", evidence: "证据", article: "报道",
      pick_first: "请先选中一个实体", none: "—"
    },
    en: {
      find: "Find", selected: "Selected:", hops: "hops", hood: "Neighbourhood only",
      reset: "Show all", dir_both: "both ways", dir_in: "into it (e.g. located in it)",
      dir_out: "out of it", edge_labels: "relation labels", types: "Entity types",
      predicates: "Relations", details: "Details", search: "Search name or alias",
      lang: "中文", count: "{n} entities · {m} relations", not_found: "Not found: ",
      type: "type", aliases: "aliases", alt_types: "could also be", code: "division code",
      degree: "relations", articles: "articles", amount: "amount", yuan: "yuan",
      role: "role", evidence: "evidence", article: "article",
      pick_first: "Select an entity first", none: "—"
    }
  };
  // A legend glyph per vis shape.
  var GLYPH = { diamond: "◆", triangle: "▲", square: "■", dot: "●", star: "★", box: "▬" };

  var lang = DATA.lang === "en" ? "en" : "zh";
  var typeInfo = {}, predInfo = {}, typeOn = {}, predOn = {};
  DATA.types.forEach(function (t) { typeInfo[t.name] = t; typeOn[t.name] = true; });
  DATA.predicates.forEach(function (p) { predInfo[p.name] = p; predOn[p.name] = true; });
  var nodeById = {}, edgeById = {}, outEdges = {}, inEdges = {};
  DATA.nodes.forEach(function (n) { nodeById[n.id] = n; outEdges[n.id] = []; inEdges[n.id] = []; });
  DATA.edges.forEach(function (e) {
    edgeById[e.id] = e; outEdges[e.from].push(e); inEdges[e.to].push(e);
  });
  var hood = null;      // ids shown by the neighbourhood view, or null for all
  var selected = null;  // id of the selected node
  var showEdgeLabels = DATA.nodes.length <= 300;
  var HOOD_PHYSICS_LIMIT = 300;  // neighbourhoods up to this size are laid out afresh

  function $(id) { return document.getElementById(id); }
  function t(key) { return UI[lang][key]; }

  /** el("p", "kg-k", "x") → <p class="kg-k">x</p>; text goes in as text only. */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function label(info, fallback) {
    if (!info) { return String(fallback); }
    return lang === "zh" ? info.label_zh : info.label_en;
  }
  function typeLabel(name) { return label(typeInfo[name], name); }
  function predLabel(name) { return label(predInfo[name], name); }
  function headline(articleId) {
    var title = DATA.articles[articleId];
    return title ? title : articleId;
  }
  /** One "key: value" line of a card. */
  function field(card, key, value) {
    var p = el("p");
    p.appendChild(el("span", "kg-k", t(key) + ": "));
    p.appendChild(document.createTextNode(String(value)));
    card.appendChild(p);
  }
  function formatAmount(x) {
    var parts = String(x).split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".") + " " + t("yuan");
  }

  /** Hover/detail card of an entity: name, type, aliases, code, headlines. */
  function nodeCard(n) {
    var card = el("div", "kg-card");
    card.appendChild(el("h3", null, n.name));
    field(card, "type", typeLabel(n.type));
    if (n.aliases.length) { field(card, "aliases", n.aliases.join("、")); }
    if (n.alt_types.length) { field(card, "alt_types", n.alt_types.map(typeLabel).join("、")); }
    if (n.code) { field(card, "code", n.code); }
    field(card, "degree", n.degree);
    if (n.articles.length) {
      card.appendChild(el("p", "kg-k", t("articles") + ":"));
      var ul = el("ul");
      n.articles.forEach(function (a) { ul.appendChild(el("li", null, headline(a))); });
      if (n.article_count > n.articles.length) {
        ul.appendChild(el("li", null, "… +" + (n.article_count - n.articles.length)));
      }
      card.appendChild(ul);
    }
    return card;
  }

  /** Hover/detail card of a relation: predicate, amount or role, evidence, headline. */
  function edgeCard(e) {
    var card = el("div", "kg-card");
    card.appendChild(el("h3", null,
      nodeById[e.from].name + " → " + predLabel(e.predicate) + " → " + nodeById[e.to].name));
    if (e.amount_yuan !== null) { field(card, "amount", formatAmount(e.amount_yuan)); }
    if (e.role) { field(card, "role", e.role); }
    if (e.evidence) {
      card.appendChild(el("p", "kg-k", t("evidence") + ":"));
      card.appendChild(el("blockquote", null, e.evidence));
    }
    field(card, "article", headline(e.article));
    return card;
  }

  function visNode(n) {
    var info = typeInfo[n.type] || { colour: "#999999", shape: "dot" };
    var item = {
      id: n.id, label: n.name, kgType: n.type, title: nodeCard(n), value: n.degree,
      shape: info.shape, color: info.colour, x: n.x, y: n.y
    };
    return item;
  }
  function visEdge(e) {
    var info = predInfo[e.predicate] || { colour: "#888888", symmetric: false };
    var item = {
      id: e.id, from: e.from, to: e.to, kgPred: e.predicate, title: edgeCard(e),
      label: showEdgeLabels ? predLabel(e.predicate) : "",
      color: { color: info.colour, highlight: info.colour, hover: info.colour },
      arrows: info.symmetric ? "to, from" : "to"
    };
    if (e.curve) { item.smooth = { enabled: true, type: "curvedCW", roundness: e.curve }; }
    return item;
  }

  var nodes = new vis.DataSet(DATA.nodes.map(visNode));
  var edges = new vis.DataSet(DATA.edges.map(visEdge));

  function nodeShown(id) {
    var n = nodeById[id];
    return typeOn[n.type] !== false && (hood === null || hood.has(id));
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeShown(n.id); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return predOn[e.kgPred] !== false && nodeShown(e.from) && nodeShown(e.to); }
  });

  var options = {
    nodes: {
      // Labels big enough to read once zoomed to a neighbourhood; in the overview
      // only the hubs' labels pass drawThreshold, so the view is not a wall of text.
      scaling: { min: 8, max: 40, label: { enabled: true, min: 16, max: 32, drawThreshold: 8 } },
      font: { size: 16, strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: {
      font: { size: 13, align: "middle", strokeWidth: 3, color: "#555555" },
      arrows: { to: { scaleFactor: 0.6 } },
      smooth: DATA.physics ? { enabled: true, type: "dynamic" } : false,
      width: 1.2, hoverWidth: 0.8
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: !DATA.physics,
                   keyboard: false, multiselect: false },
    layout: { randomSeed: 7, improvedLayout: false },  // every node arrives with x/y
    physics: DATA.physics ? physicsOptions(DATA.iterations) : { enabled: false }
  };
  function physicsOptions(iterations) {
    return {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 120, avoidOverlap: 0.3 },
      stabilization: { enabled: true, iterations: iterations, fit: true }
    };
  }
  var network = new vis.Network($("kg-network"), { nodes: nodeView, edges: edgeView }, options);

  // Where each node lives in the full view. A node hidden by a filter is
  // re-created from the DataSet when shown again, so settled positions are
  // written back there; the neighbourhood view moves nodes and puts them back.
  var home = {};
  DATA.nodes.forEach(function (n) { home[n.id] = { x: n.x, y: n.y }; });
  function keepPositions() {
    var pos = network.getPositions();
    Object.keys(pos).forEach(function (id) { home[id] = pos[id]; });
    nodes.update(Object.keys(pos).map(function (id) {
      return { id: Number(id), x: pos[id].x, y: pos[id].y };
    }));
  }
  function goHome(ids) {
    nodes.update(ids.map(function (id) { return { id: id, x: home[id].x, y: home[id].y }; }));
  }
  // Stop the simulation once settled: dragging stays possible and the CPU rests.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    keepPositions();
  });

  // ---------------------------------------------------------- side panel

  function showDetails(card) {
    var box = $("kg-details");
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (card) { box.appendChild(card); }
  }
  function select(id) {
    selected = id;
    $("kg-selected").textContent = id === null ? t("none") : nodeById[id].name;
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      select(params.nodes[0]);
      showDetails(nodeCard(nodeById[params.nodes[0]]));
    } else if (params.edges.length) {
      showDetails(edgeCard(edgeById[params.edges[0]]));
    }
  });

  function countBy(list, keyOf) {
    var c = {};
    list.forEach(function (x) { var k = keyOf(x); c[k] = (c[k] || 0) + 1; });
    return c;
  }
  var typeCount = countBy(DATA.nodes, function (n) { return n.type; });
  var predCount = countBy(DATA.edges, function (e) { return e.predicate; });

  /** A legend row that is also a filter checkbox. */
  function legendRow(on, name, swatch, text, count, onChange) {
    var li = el("li"), lab = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = on[name] !== false;
    box.addEventListener("change", function () { on[name] = box.checked; onChange(); });
    lab.appendChild(box);
    lab.appendChild(swatch);
    lab.appendChild(document.createTextNode(text + " "));
    lab.appendChild(el("span", "kg-n", "(" + count + ")"));
    li.appendChild(lab);
    return li;
  }
  function refresh() { nodeView.refresh(); edgeView.refresh(); }

  function renderLegend() {
    var types = $("kg-types"), preds = $("kg-preds");
    while (types.firstChild) { types.removeChild(types.firstChild); }
    while (preds.firstChild) { preds.removeChild(preds.firstChild); }
    DATA.types.forEach(function (ty) {
      var g = el("span", "kg-glyph", GLYPH[ty.shape] || "●");
      g.style.color = ty.colour;
      types.appendChild(legendRow(typeOn, ty.name, g, typeLabel(ty.name),
        typeCount[ty.name] || 0, refresh));
    });
    DATA.predicates.forEach(function (p) {
      var line = el("span", "kg-line");
      line.style.backgroundColor = p.colour;
      preds.appendChild(legendRow(predOn, p.name, line, predLabel(p.name),
        predCount[p.name] || 0, refresh));
    });
  }

  // ---------------------------------------------------------- search

  function norm(s) { return String(s).trim().toLowerCase(); }
  /** Best match: exact name, exact alias, then substring; ties to the best connected. */
  function findNode(query) {
    var q = norm(query), best = null, bestRank = null;
    if (!q) { return null; }
    DATA.nodes.forEach(function (n) {
      var rank = null;
      if (norm(n.name) === q) { rank = 0; }
      else if (n.aliases.some(function (a) { return norm(a) === q; })) { rank = 1; }
      else if (norm(n.name).indexOf(q) >= 0) { rank = 2; }
      else if (n.aliases.some(function (a) { return norm(a).indexOf(q) >= 0; })) { rank = 3; }
      if (rank === null) { return; }
      if (best === null || rank < bestRank || (rank === bestRank && n.degree > best.degree)) {
        best = n; bestRank = rank;
      }
    });
    return best;
  }
  function focusNode(id) {
    if (!nodeShown(id)) {  // make it visible again before focusing
      if (hood !== null) { goHome(Array.from(hood)); }
      hood = null;
      typeOn[nodeById[id].type] = true;
      renderLegend();
      refresh();
    }
    select(id);
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 400 } });
    showDetails(nodeCard(nodeById[id]));
  }
  function runSearch() {
    var query = $("kg-search").value, hit = findNode(query);
    if (hit) { focusNode(hit.id); } else { showDetails(el("p", null, t("not_found") + query)); }
  }
  $("kg-search-go").addEventListener("click", runSearch);
  $("kg-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") { runSearch(); } });
  (function fillNames() {
    var list = $("kg-names"), seen = {};
    DATA.nodes.forEach(function (n) {
      if (seen[n.name]) { return; }
      seen[n.name] = true;
      var opt = document.createElement("option");
      opt.value = n.name;
      list.appendChild(opt);
    });
  })();

  // ---------------------------------------------------------- neighbourhood

  /** Ids within k hops of start over shown relations; dir "in" follows edges backwards
   * (so from a subdistrict, "in" + locatedIn gives everything inside it). */
  function neighbourhood(start, k, dir) {
    var found = new Set([start]), frontier = [start];
    for (var hop = 0; hop < k && frontier.length; hop++) {
      var next = [];
      frontier.forEach(function (id) {
        var steps = [];
        if (dir !== "in") { outEdges[id].forEach(function (e) { steps.push([e, e.to]); }); }
        if (dir !== "out") { inEdges[id].forEach(function (e) { steps.push([e, e.from]); }); }
        steps.forEach(function (s) {
          var e = s[0], other = s[1];
          if (predOn[e.predicate] === false || typeOn[nodeById[other].type] === false) { return; }
          if (!found.has(other)) { found.add(other); next.push(other); }
        });
      });
      frontier = next;
    }
    return found;
  }
  $("kg-hood").addEventListener("click", function () {
    if (selected === null) { showDetails(el("p", null, t("pick_first"))); return; }
    var k = Math.max(1, Math.min(9, parseInt($("kg-hops").value, 10) || 1));
    if (hood !== null) { goHome(Array.from(hood)); }
    hood = neighbourhood(selected, k, $("kg-dir").value);
    refresh();
    compact(hood.size);
  });
  /** Lay a neighbourhood out on its own, so it fills the view with readable
   * labels: a short physics run over the shown nodes only (hidden ones are not
   * simulated). Big neighbourhoods keep their places: the run would be slow. */
  function compact(size) {
    if (size > HOOD_PHYSICS_LIMIT) {
      network.fit({ animation: { duration: 400 } });
      return;
    }
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit({ animation: { duration: 400 } });
    });
    network.setOptions({ physics: physicsOptions(150) });
    network.stabilize(150);
  }
  $("kg-reset").addEventListener("click", function () {
    if (hood !== null) { goHome(Array.from(hood)); }
    hood = null;
    DATA.types.forEach(function (ty) { typeOn[ty.name] = true; });
    DATA.predicates.forEach(function (p) { predOn[p.name] = true; });
    renderLegend();
    refresh();
    network.fit({ animation: { duration: 400 } });
  });

  // ---------------------------------------------------------- labels and language

  function relabelEdges() {
    edges.update(DATA.edges.map(function (e) {
      return { id: e.id, label: showEdgeLabels ? predLabel(e.predicate) : "", title: edgeCard(e) };
    }));
  }
  $("kg-edge-labels").checked = showEdgeLabels;
  $("kg-edge-labels").addEventListener("change", function () {
    showEdgeLabels = $("kg-edge-labels").checked;
    relabelEdges();
  });

  function renderChrome() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (node) {
      node.textContent = t(node.getAttribute("data-i18n"));
    });
    $("kg-search").placeholder = t("search");
    $("kg-lang").textContent = t("lang");
    $("kg-count").textContent = t("count").replace("{n}", DATA.nodes.length)
      .replace("{m}", DATA.edges.length);
    if (DATA.notice) { $("kg-notice").textContent = DATA.notice[lang]; }
    if (selected === null) { $("kg-selected").textContent = t("none"); }
    renderLegend();
  }
  $("kg-lang").addEventListener("click", function () {
    lang = lang === "zh" ? "en" : "zh";
    renderChrome();
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, title: nodeCard(n) }; }));
    relabelEdges();
    showDetails(selected === null ? null : nodeCard(nodeById[selected]));
  });

  renderChrome();

  // ---------------------------------------------------------- hook for tests and bench/

  // window.kgGraph exposes the data sets and the time (ms since navigation
  // start) of the first frame drawn after the layout settled: "interactive".
  var hook = { network: network, nodes: nodes, edges: edges, nodeView: nodeView,
               edgeView: edgeView, ready: false, readyMs: null };
  window.kgGraph = hook;
  function markReadyOnNextFrame() {
    network.once("afterDrawing", function () {
      hook.ready = true;
      hook.readyMs = performance.now();
    });
    network.redraw();
  }
  if (DATA.physics) { network.once("stabilizationIterationsDone", markReadyOnNextFrame); }
  else { markReadyOnNextFrame(); }
})();
