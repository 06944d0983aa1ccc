/*
 * Converge PBX call reports: a small client of the report API (/api/v1/cdr, /api/v1/cdr.csv,
 * /api/v1/cdr/summary, and the queues' /api/v1/queues/live and /api/v1/queues/report[/agents]). The API wants HTTP Basic; the credentials typed into the sign-in form are kept in this
 * closure only (never in storage or cookies) and sent with fetch(..., {credentials: 'omit'}), so the browser
 * neither adds credentials of its own nor shows its login dialog on a 401.
 */
(function () {
  'use strict';

  var API = new URL('../api/v1/', document.baseURI);
  /** The report filters: each is an input or select whose id and name are the API parameter's name. */
  var FILTERS = ['from', 'to', 'src', 'dst', 'clid', 'disposition', 'minBillsec', 'maxBillsec', 'trunk'];
  /** Parameters the API may name in an error that have a control on this page. */
  var FIELDS = FILTERS.concat(['sort', 'size']);
  var DISPOSITION_COLOURS = {
    'ANSWERED': '#2e7d32',
    'NO ANSWER': '#b26a00',
    'BUSY': '#c62828',
    'FAILED': '#6a1b9a',
    'CONGESTION': '#37474f'
  };
  var CALLS_COLOUR = '#1f5fa8';
  var ANSWERED_COLOUR = '#2e7d32';
  var MAX_FILLED_BUCKETS = 1500;
  var QUEUE_REFRESH_MS = 5000;
  var queueTimer = null;

  var authorization = null;
  /** The filters, order and page size last applied; paging and the CSV use these, not unapplied edits. */
  var applied = null;
  var page = 0;
  var latest = 0;

  function $(id) {
    return document.getElementById(id);
  }

  function setState(state) {
    document.body.setAttribute('data-report-state', state);
  }

  // ---- the API ----

  function ApiError(status, body) {
    this.status = status;
    this.field = body && typeof body.field === 'string' ? body.field : null;
    this.message =
      body && typeof body.error === 'string' ? body.error : 'The server answered ' + status + '.';
  }

  function basic(user, password) {
    var bytes = new TextEncoder().encode(user + ':' + password);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return 'Basic ' + btoa(binary);
  }

  function request(path, params, accept) {
    var url = new URL(path, API);
    url.search = params.toString();
    return fetch(url.toString(), {
      method: 'GET',
      // X-Requested-With marks the page's own requests: the API refuses a browser's POST, PUT or DELETE without it
      // (another site cannot add it), so any request this page comes to send that changes something is accepted.
      headers: { 'Authorization': authorization, 'Accept': accept, 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'omit',
      cache: 'no-store'
    }).then(function (resp) {
      if (resp.ok) {
        return resp;
      }
      return resp.json().then(
        function (body) { throw new ApiError(resp.status, body); },
        function () { throw new ApiError(resp.status, null); });
    }, function () {
      throw new ApiError(0, { error: 'The PBX could not be reached. Check the connection and try again.' });
    });
  }

  function json(path, params) {
    return request(path, params, 'application/json').then(function (resp) { return resp.json(); });
  }

  // ---- signing in and out ----

  function signIn(event) {
    event.preventDefault();
    var user = $('username').value.trim();
    var password = $('password').value;
    var error = $('login-error');
    error.hidden = true;
    if (!user || !password) {
      showLoginError(!user ? 'Enter your username.' : 'Enter your password.', !user ? 'username' : 'password');
      return;
    }
    if (user.indexOf(':') >= 0) {
      showLoginError('A username cannot contain a colon.', 'username');
      return;
    }
    authorization = basic(user, password);
    $('sign-in').disabled = true;
    json('cdr', new URLSearchParams({ size: '1' })).then(function () {
      $('password').value = '';
      $('signed-in-user').textContent = user;
      $('signed-in-as').hidden = false;
      $('login').hidden = true;
      $('reports').hidden = false;
      applyFilters();
      watchQueues();
      $('filters-heading').focus();
    }, function (err) {
      authorization = null;
      if (err.status === 401) {
        $('password').value = '';
      }
      showLoginError(
        err.status === 401 ? 'Wrong username or password.'
          : err.status === 403 ? 'This account may not read call reports.'
            : err.message,
        'password');
    }).then(function () {
      $('sign-in').disabled = false;
    });
  }

  function showLoginError(message, focus) {
    var error = $('login-error');
    error.textContent = message;
    error.hidden = false;
    $(focus).focus();
  }

  function signOut(message) {
    authorization = null;
    stopWatchingQueues();
    ['queue-live', 'queue-stats', 'agent-stats'].forEach(function (id) { $(id).tBodies[0].textContent = ''; });
    $('queues-status').textContent = '';
    applied = null;
    latest++;
    $('password').value = '';
    $('signed-in-as').hidden = true;
    $('reports').hidden = true;
    $('login').hidden = false;
    clearResults();
    setState('signed-out');
    if (message) {
      showLoginError(message, 'password');
    } else {
      $('login-error').hidden = true;
      $('username').focus();
    }
  }

  // ---- filters and errors ----

  function clearErrors() {
    FIELDS.forEach(function (name) {
      var error = $(name + '-error');
      error.hidden = true;
      error.textContent = '';
      $(name).removeAttribute('aria-invalid');
    });
    $('filters-error').hidden = true;
  }

  function showFieldError(name, message) {
    var error = $(name + '-error');
    error.textContent = message;
    error.hidden = false;
    $(name).setAttribute('aria-invalid', 'true');
  }

  function showGeneralError(message) {
    var error = $('filters-error');
    error.textContent = message;
    error.hidden = false;
  }

  /** The filters as API parameters, or null after marking the fields the browser itself could not read. */
  function readFilters() {
    var params = new URLSearchParams();
    var bad = [];
    FILTERS.forEach(function (name) {
      var input = $(name);
      if (input.validity && input.validity.badInput) {
        showFieldError(name, input.type === 'date' ? 'Enter a complete date.' : 'Enter a whole number.');
        bad.push(name);
        return;
      }
      var value = input.value.trim();
      if (value !== '') {
        params.set(name, value);
      }
    });
    if (bad.length) {
      showGeneralError('Correct the marked field; the results below are still those of the previous filters.');
      $(bad[0]).focus();
      return null;
    }
    return params;
  }

  function applyFilters(event) {
    if (event) {
      event.preventDefault();
    }
    clearErrors();
    var filters = readFilters();
    if (!filters) {
      return;
    }
    applied = { filters: filters, sort: $('sort').value, size: $('size').value };
    $('download-status').textContent = '';
    page = 0;
    load(true);
  }

  function resetFilters() {
    $('filters').reset();
    applyFilters();
  }

  function handleError(err) {
    if (err.status === 401) {
      signOut('Your credentials are no longer accepted; sign in again.');
      return;
    }
    if (err.field && FIELDS.indexOf(err.field) >= 0) {
      showFieldError(err.field, err.message);
      showGeneralError('Correct the marked field; the results below are still those of the previous filters.');
      $(err.field).focus();
    } else {
      showGeneralError(err.message);
    }
    $('status').textContent = 'The report was not updated.';
  }

  // ---- loading ----

  function withParams(base, extra) {
    var params = new URLSearchParams(base);
    Object.keys(extra).forEach(function (k) { params.set(k, extra[k]); });
    return params;
  }

  function load(withCharts) {
    var mine = ++latest;
    var a = applied;
    setState('loading');
    $('status').textContent = 'Loading\u2026';
    var tasks = [json('cdr', withParams(a.filters, { page: String(page), size: a.size, sort: a.sort }))];
    if (withCharts) {
      ['hour', 'day', 'disposition'].forEach(function (group) {
        tasks.push(json('cdr/summary', withParams(a.filters, { groupBy: group })));
      });
    }
    Promise.all(tasks).then(function (results) {
      if (mine !== latest) {
        return;
      }
      renderRecords(results[0]);
      if (withCharts) {
        loadQueueStats(a.filters);
      }
      if (withCharts) {
        renderCharts(results[1], results[2], results[3]);
      }
      setState('ready');
    }, function (err) {
      if (mine !== latest) {
        return;
      }
      handleError(err);
      if (authorization) {
        setState('error');
      }
    });
  }

  // ---- the table ----

  function utc(instant) {
    return instant ? instant.replace('T', ' ').replace(/(\.\d+)?Z$/, '') : '';
  }

  var COLUMNS = ['Start (UTC)', 'Source', 'Destination', 'Caller ID', 'Disposition', 'Duration (s)', 'Billed (s)',
    'SIP code'];

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function renderRecords(body) {
    var tbody = $('records').tBodies[0];
    tbody.textContent = '';
    var records = body.records || [];
    records.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.setAttribute('role', 'row');
      cell(tr, utc(r.start), 'nowrap');
      cell(tr, r.src);
      cell(tr, r.dst);
      cell(tr, r.clid);
      var disposition = cell(tr, r.disposition || r.state || '');
      disposition.className = 'disposition disposition-' + String(r.disposition || 'none').toLowerCase().replace(' ', '-');
      cell(tr, r.duration, 'num');
      cell(tr, r.billsec, 'num');
      cell(tr, r.sipCode, 'num');
      Array.prototype.forEach.call(tr.cells, function (td, i) {
        td.setAttribute('role', 'cell');
        td.setAttribute('data-label', COLUMNS[i]);
      });
      tbody.appendChild(tr);
    });
    if (!records.length) {
      var tr = document.createElement('tr');
      tr.setAttribute('role', 'row');
      var td = cell(tr, 'No calls match these filters.', 'empty');
      td.setAttribute('role', 'cell');
      td.colSpan = 8;
      tbody.appendChild(tr);
    }
    var total = body.total || 0;
    var size = body.size || Number(applied.size);
    var pages = Math.max(1, Math.ceil(total / size));
    var first = total ? body.page * size + 1 : 0;
    var last = body.page * size + records.length;
    $('status').textContent = total
      ? 'Calls ' + first + '\u2013' + last + ' of ' + total + '.'
      : 'No calls match these filters.';
    $('page-info').textContent = 'Page ' + (body.page + 1) + ' of ' + pages;
    $('prev-page').disabled = body.page <= 0;
    $('next-page').disabled = body.page + 1 >= pages;
  }

  function goToPage(delta) {
    if (!applied) {
      return;
    }
    page = Math.max(0, page + delta);
    clearErrors();
    load(false);
  }

  // ---- the charts ----

  /** Summary rows of a time grouping, with the empty buckets between the first and the last filled in. */
  function fillBuckets(rows, step, parse, format) {
    if (rows.length < 2) {
      return rows.map(function (r) { return { label: format(parse(r.key)), row: r }; });
    }
    var byTime = {};
    rows.forEach(function (r) { byTime[parse(r.key)] = r; });
    var first = parse(rows[0].key);
    var last = parse(rows[rows.length - 1].key);
    if ((last - first) / step > MAX_FILLED_BUCKETS) {
      return rows.map(function (r) { return { label: format(parse(r.key)), row: r }; });
    }
    var out = [];
    for (var t = first; t <= last; t += step) {
      out.push({ label: format(t), row: byTime[t] || { key: '', calls: 0, answered: 0, asr: 0, totalBillsec: 0, averageBillsec: 0 } });
    }
    return out;
  }

  function hourly(rows) {
    return fillBuckets(rows, 3600000, function (k) { return Date.parse(k); }, function (t) {
      return new Date(t).toISOString().slice(0, 13).replace('T', ' ') + ':00';
    });
  }

  function daily(rows) {
    return fillBuckets(rows, 86400000, function (k) { return Date.parse(k + 'T00:00:00Z'); }, function (t) {
      return new Date(t).toISOString().slice(0, 10);
    });
  }

  function chartOptions(stacked) {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: 'bottom' } },
      scales: stacked === null ? undefined : {
        x: { ticks: { autoSkip: true, maxRotation: 60 } },
        y: { beginAtZero: true, ticks: { precision: 0 } }
      }
    };
  }

  function drawTimeChart(id, points) {
    var canvas = $(id);
    destroy(canvas);
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: points.map(function (p) { return p.label; }),
        datasets: [
          { label: 'Calls', data: points.map(function (p) { return p.row.calls; }), backgroundColor: CALLS_COLOUR },
          { label: 'Answered', data: points.map(function (p) { return p.row.answered; }), backgroundColor: ANSWERED_COLOUR }
        ]
      },
      options: chartOptions(false)
    });
  }

  function drawDispositionChart(rows) {
    var canvas = $('chart-disposition');
    destroy(canvas);
    new window.Chart(canvas, {
      type: 'doughnut',
      data: {
        labels: rows.map(function (r) { return r.key || '(none)'; }),
        datasets: [{
          label: 'Calls',
          data: rows.map(function (r) { return r.calls; }),
          backgroundColor: rows.map(function (r) { return DISPOSITION_COLOURS[r.key] || '#9e9e9e'; })
        }]
      },
      options: chartOptions(null)
    });
  }

  function destroy(canvas) {
    var chart = window.Chart && window.Chart.getChart(canvas);
    if (chart) {
      chart.destroy();
    }
  }

  function percent(ratio) {
    return Math.round(ratio * 1000) / 10 + ' %';
  }

  function dataTable(id, keyHeading, points) {
    var table = $(id);
    table.textContent = '';
    var head = table.createTHead().insertRow();
    [keyHeading, 'Calls', 'Answered', 'ASR', 'Billed (s)', 'Average billed (s)'].forEach(function (h) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.appendChild(th);
    });
    var body = table.createTBody();
    points.forEach(function (p) {
      var tr = body.insertRow();
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = p.label;
      tr.appendChild(th);
      cell(tr, p.row.calls, 'num');
      cell(tr, p.row.answered, 'num');
      cell(tr, percent(p.row.asr || 0), 'num');
      cell(tr, p.row.totalBillsec, 'num');
      cell(tr, Math.round((p.row.averageBillsec || 0) * 10) / 10, 'num');
    });
  }

  function describe(points, unit) {
    var busiest = null;
    var calls = 0;
    points.forEach(function (p) {
      calls += p.row.calls;
      if (!busiest || p.row.calls > busiest.row.calls) {
        busiest = p;
      }
    });
    if (!busiest) {
      return 'No calls.';
    }
    return calls + ' calls over ' + points.length + ' ' + unit + (points.length === 1 ? '' : 's') +
      '; the busiest, ' + busiest.label + ', had ' + busiest.row.calls + '.';
  }

  function renderCharts(hour, day, disposition) {
    var hours = hourly(hour.rows || []);
    var days = daily(day.rows || []);
    var dispositions = (disposition.rows || []).map(function (r) { return { label: r.key || '(none)', row: r }; });
    var t = disposition.total || {};
    $('totals').textContent = t.calls
      ? t.calls + ' finished calls, ' + t.answered + ' answered (ASR ' + percent(t.asr) + '), ' +
        t.totalBillsec + ' billed seconds (' + Math.round(t.averageBillsec * 10) / 10 + ' s per answered call).'
      : 'No finished calls match these filters.';
    dataTable('table-hour', 'Hour (UTC)', hours);
    dataTable('table-day', 'Day (UTC)', days);
    dataTable('table-disposition', 'Disposition', dispositions);
    $('chart-hour-summary').textContent = describe(hours, 'hour');
    $('chart-day-summary').textContent = describe(days, 'day');
    $('chart-disposition-summary').textContent = dispositions.length
      ? dispositions.map(function (p) { return p.label + ': ' + p.row.calls; }).join(', ') + '.'
      : 'No calls.';
    if (!window.Chart) {
      $('totals').textContent += ' The charts could not be drawn (Chart.js did not load); their data is in the tables below each.';
      return;
    }
    drawTimeChart('chart-hour', hours);
    drawTimeChart('chart-day', days);
    drawDispositionChart(dispositions.map(function (p) { return p.row; }));
  }

  function clearResults() {
    ['chart-hour', 'chart-day', 'chart-disposition'].forEach(function (id) { destroy($(id)); });
    ['table-hour', 'table-day', 'table-disposition'].forEach(function (id) { $(id).textContent = ''; });
    $('records').tBodies[0].textContent = '';
    $('status').textContent = '';
    $('download-status').textContent = '';
    $('totals').textContent = '';
    $('page-info').textContent = '';
    $('prev-page').disabled = true;
    $('next-page').disabled = true;
  }

  // ---- CSV ----

  function filenameOf(disposition) {
    var m = /filename="?([^";]+)"?/i.exec(disposition || '');
    return m ? m[1] : 'cdr.csv';
  }

  function downloadCsv() {
    if (!applied) {
      return;
    }
    var button = $('download-csv');
    button.disabled = true;
    $('filters-error').hidden = true;
    $('download-status').textContent = 'Preparing the CSV\u2026';
    var name;
    request('cdr.csv', withParams(applied.filters, { sort: applied.sort }), 'text/csv').then(function (resp) {
      name = filenameOf(resp.headers.get('Content-Disposition'));
      return resp.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      $('download-status').textContent = 'Downloaded ' + name + ' (' + blob.size + ' bytes) with the applied filters.';
    }, function (err) {
      $('download-status').textContent = '';
      handleError(err);
    }).then(function () {
      button.disabled = false;
    });
  }

  // ---- queues ----

  function rowOf(tbody, values, numeric) {
    var tr = document.createElement('tr');
    values.forEach(function (v, i) { cell(tr, v, numeric[i] ? 'num' : null); });
    tbody.appendChild(tr);
  }

  function emptyRow(tbody, columns, text) {
    var tr = document.createElement('tr');
    var td = cell(tr, text);
    td.colSpan = columns;
    tbody.appendChild(tr);
  }

  /** The live view of every queue: callers waiting (longest first) and the agents' states. */
  function loadQueueLive() {
    if (!authorization) {
      return;
    }
    json('queues/live', new URLSearchParams()).then(function (queues) {
      var tbody = $('queue-live').tBodies[0];
      tbody.textContent = '';
      if (queues.length === 0) {
        emptyRow(tbody, 5, 'No queue is configured.');
      }
      queues.forEach(function (q) {
        var longest = q.callers.reduce(function (m, c) { return Math.max(m, c.waitSeconds); }, 0);
        var callers = q.callers.map(function (c) {
          return c.position + '. ' + c.caller + ' (' + c.waitSeconds + ' s' + (c.state === 'RINGING' ? ', ringing' : '') + ')';
        }).join('; ');
        var agents = q.agents.map(function (a) { return a.extension + ' ' + a.state.toLowerCase(); }).join('; ');
        rowOf(tbody, [q.queue + ' ' + q.name, q.callers.length, longest, callers || '\u2014', agents || '\u2014'],
          [false, true, true, false, false]);
      });
      $('queues-status').textContent = 'Queues as of ' + new Date().toISOString().substring(11, 19) + ' UTC.';
    }, function (err) {
      $('queues-status').textContent = 'The queues could not be read: ' + err.message;
    });
  }

  /** Queue and agent statistics over the filters' dates. */
  function loadQueueStats(filters) {
    var params = new URLSearchParams();
    ['from', 'to'].forEach(function (k) {
      if (filters.get(k)) {
        params.set(k, filters.get(k));
      }
    });
    json('queues/report', params).then(function (body) {
      var tbody = $('queue-stats').tBodies[0];
      tbody.textContent = '';
      if (body.queues.length === 0) {
        emptyRow(tbody, 9, 'No queue calls in this period.');
      }
      body.queues.forEach(function (q) {
        var level = q.serviceLevelPercent === null ? '\u2014'
          : q.serviceLevelPercent + ' % within ' + q.serviceLevelSeconds + ' s';
        rowOf(tbody, [q.queue, q.offered, q.answered, q.abandoned, q.timedOut, level,
          q.averageWait === null ? '\u2014' : q.averageWait, q.longestWait, q.talkTime],
          [false, true, true, true, true, true, true, true, true]);
      });
    }, function (err) { $('queues-status').textContent = 'Queue statistics could not be read: ' + err.message; });
    json('queues/report/agents', params).then(function (body) {
      var tbody = $('agent-stats').tBodies[0];
      tbody.textContent = '';
      if (body.agents.length === 0) {
        emptyRow(tbody, 6, 'No agent activity in this period.');
      }
      body.agents.forEach(function (a) {
        rowOf(tbody, [a.agent, a.answered, a.ringNoAnswer, a.talkTime,
          a.averageTalk === null ? '\u2014' : a.averageTalk, a.pauses], [false, true, true, true, true, true]);
      });
    }, function (err) { $('queues-status').textContent = 'Agent statistics could not be read: ' + err.message; });
  }

  function watchQueues() {
    if (queueTimer === null) {
      loadQueueLive();
      queueTimer = setInterval(loadQueueLive, QUEUE_REFRESH_MS);
    }
  }

  function stopWatchingQueues() {
    if (queueTimer !== null) {
      clearInterval(queueTimer);
      queueTimer = null;
    }
  }

  // ---- wiring ----

  document.addEventListener('DOMContentLoaded', function () {
    $('login-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', function () { signOut(null); });
    $('filters').addEventListener('submit', applyFilters);
    $('reset').addEventListener('click', resetFilters);
    $('download-csv').addEventListener('click', downloadCsv);
    $('prev-page').addEventListener('click', function () { goToPage(-1); });
    $('next-page').addEventListener('click', function () { goToPage(1); });
    if (window.Chart) {
      window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
      window.Chart.defaults.color = '#222';
    }
    $('username').focus();
  });
})();
