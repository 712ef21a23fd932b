// The minhbach editor's pages: the list, an item's form (generated from the JSON Schema
// of its kind), the trash. Plain JavaScript, no library, nothing loaded from elsewhere.
// Every change goes to the JSON API under /_edit/api/, which validates it with the same
// code as `minhbach check` and writes nothing when it finds an error.
(function () {
  'use strict';

  var body = document.body;
  var screen = body.getAttribute('data-screen');
  var lang = body.getAttribute('data-lang') === 'en' ? 'en' : 'vi';
  var csrfMeta = document.querySelector('meta[name="minhbach-csrf"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var main = document.getElementById('main');
  var statusBox = document.getElementById('status');
  var labels = {};

  var T = {
    vi: {
      list: 'Danh sách', trash: 'Thùng rác', other: 'English', otherLang: 'en',
      items: 'Nội dung của trang', create: 'Tạo mục mới', kind: 'Loại', title: 'Tiêu đề',
      createBtn: 'Tạo', search: 'Tìm kiếm (có dấu hoặc không dấu)', all: 'Tất cả',
      year: 'Năm', state: 'Trạng thái', draft: 'Bản nháp', published: 'Đã đăng',
      missing: 'Thiếu bản dịch', problems: 'Có lỗi', translations: 'Bản dịch',
      filters: 'Lọc', shown: 'Đang hiện {n} / {t} mục', none: '—', ok: 'Đủ',
      facts: 'Thông tin chung (ghi một lần)', texts: 'Nội dung theo ngôn ngữ',
      body: 'Nội dung bài', preview: 'Xem trước nội dung', save: 'Lưu',
      saved: 'Đã lưu. Trang xem trước đang cập nhật.', saving: 'Đang kiểm tra và lưu…',
      errorsTitle: 'Chưa lưu: hãy sửa các lỗi sau', viewPage: 'Xem trang này trên bản xem trước',
      markDraft: 'Đánh dấu bản nháp', publish: 'Bỏ đánh dấu bản nháp',
      rename: 'Đổi mã (tên tệp)', renameBtn: 'Đổi mã', newId: 'Mã mới',
      del: 'Xóa (chuyển vào thùng rác)', confirmDel: 'Chuyển mục này vào thùng rác?',
      deleted: 'Đã chuyển vào thùng rác.', restore: 'Khôi phục', restored: 'Đã khôi phục.',
      trashEmpty: 'Thùng rác trống.', makeTr: 'Tạo bản dịch', noTr: 'Chưa có bản dịch.',
      add: 'Thêm', remove: 'Xóa', up: 'Lên', down: 'Xuống', row: 'Dòng',
      upload: 'Tải tệp lên (hoặc kéo thả vào đây)', uploaded: 'Đã tải lên: ',
      heading: 'Tiêu đề mục', bullet: 'Danh sách', link: 'Liên kết', table: 'Bảng',
      toolbar: 'Định dạng', choose: '(chọn)', actions: 'Thao tác', lang_vi: 'Tiếng Việt',
      lang_en: 'Tiếng Anh', general: 'Lỗi chung', importTitle: 'Dán bảng kết quả',
      importHelp: 'Dán các dòng từ bảng tính (Excel): mỗi dòng một chỉ tiêu.',
      importPreview: 'Xem trước', importApply: 'Áp dụng', open: 'Mở',
      importNone: '(không dùng)', importColumn: 'Cột', importMapping: 'Cột nào là gì',
      importRows: 'Các dòng sẽ được ghi', importLine: 'Dòng', importRole_indicator: 'Chỉ tiêu',
      importRole_target: 'Kế hoạch', importRole_actual: 'Thực hiện', importRole_note: 'Ghi chú',
      importAllRight: 'Mọi dòng đều đúng: bấm Áp dụng để ghi vào báo cáo.',
      importWrong: '{n} dòng có lỗi: sửa trong bảng tính rồi dán lại. Chưa ghi gì.',
      importDone: 'Đã ghi kết quả vào báo cáo.', importProblems: 'Lỗi',
      kinds: { plan: 'Kế hoạch', campaign: 'Phong trào', exemplar: 'Gương điển hình',
        report: 'Báo cáo', page: 'Trang', nomination: 'Danh sách đề nghị',
        units: 'Đơn vị', documents: 'Văn bản', events: 'Sự kiện', indicators: 'Chỉ tiêu' },
      titleOrName: 'Tiêu đề hoặc tên', newEntry: 'Mục mới', entryFacts: 'Thông tin chung',
      entryTexts: 'Tên và nội dung theo ngôn ngữ', created: 'Đã tạo mục mới.',
      dataFile: 'Lưu trong tệp', confirmDelEntry: 'Chuyển mục này vào thùng rác? Chỉ xóa được khi không còn nơi nào nhắc đến mã của nó.',
      loadFail: 'Không tải được: ',
      values: { individual: 'Cá nhân', collective: 'Tập thể', annual: 'Kế hoạch năm',
        thematic: 'Kế hoạch chuyên đề', 'chi-thi': 'Chỉ thị', 'nghi-quyet': 'Nghị quyết',
        'ke-hoach': 'Kế hoạch', 'quyet-dinh': 'Quyết định', 'nghi-dinh': 'Nghị định',
        'thong-tu': 'Thông tư', luat: 'Luật', 'cong-van': 'Công văn', 'de-an': 'Đề án',
        'bao-cao': 'Báo cáo', 'thong-bao': 'Thông báo', 'huong-dan': 'Hướng dẫn',
        'at-least': 'Cao hơn là tốt hơn', 'at-most': 'Thấp hơn là tốt hơn', exactly: 'Đúng bằng',
        range: 'Trong một khoảng' }
    },
    en: {
      list: 'List', trash: 'Trash', other: 'Tiếng Việt', otherLang: 'vi',
      items: 'Content of the site', create: 'Create an item', kind: 'Kind', title: 'Title',
      createBtn: 'Create', search: 'Search (with or without diacritics)', all: 'All',
      year: 'Year', state: 'State', draft: 'Draft', published: 'Published',
      missing: 'Missing translation', problems: 'Has problems', translations: 'Translations',
      filters: 'Filters', shown: 'Showing {n} of {t} items', none: '—', ok: 'Complete',
      facts: 'Facts (written once)', texts: 'Text in each language',
      body: 'Body', preview: 'Preview the body', save: 'Save',
      saved: 'Saved. The preview is updating.', saving: 'Checking and saving…',
      errorsTitle: 'Not saved: fix these problems', viewPage: 'See this page in the preview',
      markDraft: 'Mark as draft', publish: 'Unmark draft',
      rename: 'Change the id (file name)', renameBtn: 'Change id', newId: 'New id',
      del: 'Delete (to the trash)', confirmDel: 'Move this item to the trash?',
      deleted: 'Moved to the trash.', restore: 'Restore', restored: 'Restored.',
      trashEmpty: 'The trash is empty.', makeTr: 'Create the translation', noTr: 'No translation yet.',
      add: 'Add', remove: 'Remove', up: 'Up', down: 'Down', row: 'Row',
      upload: 'Upload a file (or drop it here)', uploaded: 'Uploaded: ',
      heading: 'Heading', bullet: 'List', link: 'Link', table: 'Table',
      toolbar: 'Formatting', choose: '(choose)', actions: 'Actions', lang_vi: 'Vietnamese',
      lang_en: 'English', general: 'General problems', importTitle: 'Paste a table of results',
      importHelp: 'Paste rows from a spreadsheet (Excel): one indicator per row.',
      importPreview: 'Preview', importApply: 'Apply', open: 'Open',
      importNone: '(not used)', importColumn: 'Column', importMapping: 'Which column is which',
      importRows: 'The rows as they would be written', importLine: 'Row', importRole_indicator: 'Indicator',
      importRole_target: 'Target', importRole_actual: 'Actual', importRole_note: 'Note',
      importAllRight: 'Every row is right: press Apply to write them into the report.',
      importWrong: '{n} row(s) have problems: fix them in the spreadsheet and paste again. Nothing was written.',
      importDone: 'The results were written into the report.', importProblems: 'Problems',
      kinds: { plan: 'Plan', campaign: 'Campaign', exemplar: 'Exemplar',
        report: 'Report', page: 'Page', nomination: 'Nomination list',
        units: 'Unit', documents: 'Document', events: 'Event', indicators: 'Indicator' },
      titleOrName: 'Title or name', newEntry: 'New entry', entryFacts: 'Facts',
      entryTexts: 'Name and text in each language', created: 'The entry was created.',
      dataFile: 'Kept in the file', confirmDelEntry: 'Move this entry to the trash? It can be deleted only when nothing names its id any more.',
      loadFail: 'Could not load: '
    }
  };
  function t(key) { return T[lang][key]; }

  // ---------------------------------------------------------------------------------
  // Small helpers

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') node.textContent = v;
        else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? '' : v);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      if (Array.isArray(c)) c.forEach(function (x) { if (x) node.appendChild(x); });
      else node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }

  function say(text) { statusBox.textContent = text; }

  var uid = 0;
  function newId(prefix) { uid += 1; return prefix + '-' + uid; }

  function withLang(url) {
    return url + (url.indexOf('?') >= 0 ? '&' : '?') + 'lang=' + lang;
  }

  function api(path, payload, raw) {
    var opts = { method: 'GET', credentials: 'same-origin', headers: {} };
    if (payload !== undefined) {
      opts.method = 'POST';
      opts.headers['X-Minhbach-Csrf'] = csrf;
      if (raw) {
        opts.headers['Content-Type'] = 'application/octet-stream';
        opts.body = payload;
      } else {
        opts.headers['Content-Type'] = 'application/json';
        opts.body = JSON.stringify(payload);
      }
    }
    return fetch(withLang('/_edit/api/' + path), opts).then(function (r) {
      return r.text().then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) { data = { error: text }; }
        return { status: r.status, ok: r.ok, data: data };
      });
    });
  }

  // Lowercase without diacritics, đ → d: what people type without a Vietnamese keyboard.
  function fold(s) {
    return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .toLowerCase().replace(/đ/g, 'd');
  }

  function param(name) {
    return new URLSearchParams(window.location.search).get(name);
  }

  // The labels of a data file's fields may differ from the front matter's (`kind` of a
  // document, `unit` of an indicator): `documents.kind` in labels.json, while that form is open.
  var labelScope = '';
  function labelOf(field) {
    return (labelScope && labels[labelScope + '.' + field]) || labels[field];
  }

  function label(field) {
    var l = labelOf(field);
    return l ? l[lang] : field;
  }

  function help(field, schema) {
    var l = labelOf(field);
    if (lang === 'vi' && l) return l.vi_help;
    return (schema && schema.description) || '';
  }

  // ---------------------------------------------------------------------------------
  // Header: navigation and the language switch

  function nav() {
    var box = document.getElementById('topnav');
    var other = t('otherLang');
    var here = new URL(window.location.href);
    here.searchParams.set('lang', other);
    box.appendChild(el('ul', null,
      el('li', null, el('a', { href: withLang('/_edit/') }, t('list'))),
      el('li', null, el('a', { href: withLang('/_edit/trash') }, t('trash'))),
      el('li', null, el('a', { href: here.pathname + here.search, lang: other, hreflang: other }, t('other')))));
  }

  // ---------------------------------------------------------------------------------
  // The list

  function listScreen() {
    return api('items').then(function (res) {
      if (!res.ok) throw new Error(res.data.error);
      var items = res.data.items;
      main.textContent = '';
      main.appendChild(el('h1', { text: t('items') }));

      var kindSel = el('select', { id: 'new-kind', name: 'kind' },
        ['plan', 'campaign', 'exemplar', 'report', 'page', 'nomination'].concat(DATA).map(function (k) {
          return el('option', { value: k, text: t('kinds')[k] });
        }));
      var titleIn = el('input', { id: 'new-title', name: 'title', type: 'text', required: true, autocomplete: 'off' });
      var createErr = el('p', { id: 'new-error', class: 'error', hidden: true });
      var form = el('form', { class: 'create', onsubmit: function (e) {
        e.preventDefault();
        if (DATA.indexOf(kindSel.value) >= 0) {
          // A data entry is created by saving its form: the form opens filled in.
          window.location.href = withLang('/_edit/item?data=' + kindSel.value + '&new=1&name=' + encodeURIComponent(titleIn.value));
          return;
        }
        api('create', { kind: kindSel.value, title: titleIn.value }).then(function (r) {
          if (r.ok) {
            window.location.href = withLang('/_edit/item?path=' + encodeURIComponent(r.data.paths[0]));
          } else {
            createErr.hidden = false;
            createErr.textContent = r.data.errors ? r.data.errors.map(function (x) { return x.message + (x.code ? ' [' + x.code + ']' : ''); }).join(' ') : r.data.error;
            titleIn.setAttribute('aria-invalid', 'true');
            titleIn.setAttribute('aria-describedby', 'new-error');
            titleIn.focus();
          }
        });
      } },
      el('h2', { text: t('create') }),
      el('div', { class: 'row' },
        el('label', { for: 'new-kind', text: t('kind') }), kindSel,
        el('label', { for: 'new-title', text: t('titleOrName') }), titleIn,
        el('button', { type: 'submit', text: t('createBtn') })),
      createErr);
      main.appendChild(form);

      var years = [];
      items.forEach(function (i) { if (i.year && years.indexOf(i.year) < 0) years.push(i.year); });
      years.sort().reverse();
      var q = el('input', { id: 'f-q', type: 'search', autocomplete: 'off' });
      var fk = el('select', { id: 'f-kind' }, el('option', { value: '', text: t('all') }),
        Object.keys(t('kinds')).map(function (k) { return el('option', { value: k, text: t('kinds')[k] }); }));
      var fy = el('select', { id: 'f-year' }, el('option', { value: '', text: t('all') }),
        years.map(function (y) { return el('option', { value: y, text: y }); }));
      var fs = el('select', { id: 'f-state' }, el('option', { value: '', text: t('all') }),
        el('option', { value: 'draft', text: t('draft') }), el('option', { value: 'published', text: t('published') }));
      var fm = el('input', { id: 'f-missing', type: 'checkbox' });
      var fp = el('input', { id: 'f-problems', type: 'checkbox' });
      var count = el('p', { id: 'count', 'aria-live': 'polite' });
      main.appendChild(el('section', { class: 'filters', 'aria-labelledby': 'filters-h' },
        el('h2', { id: 'filters-h', text: t('filters') }),
        el('div', { class: 'row' },
          el('label', { for: 'f-q', text: t('search') }), q,
          el('label', { for: 'f-kind', text: t('kind') }), fk,
          el('label', { for: 'f-year', text: t('year') }), fy,
          el('label', { for: 'f-state', text: t('state') }), fs,
          el('span', { class: 'check' }, fm, el('label', { for: 'f-missing', text: t('missing') })),
          el('span', { class: 'check' }, fp, el('label', { for: 'f-problems', text: t('problems') }))),
        count));

      var tbody = el('tbody');
      main.appendChild(el('table', { class: 'items' },
        el('caption', { class: 'visually-hidden', text: t('items') }),
        el('thead', null, el('tr', null,
          [t('kind'), t('title'), t('year'), t('state'), t('translations'), t('problems')].map(function (h) {
            return el('th', { scope: 'col', text: h });
          }))),
        tbody));

      function render() {
        var words = fold(q.value).split(/\s+/).filter(Boolean);
        tbody.textContent = '';
        var shown = 0;
        items.forEach(function (i) {
          var titles = Object.keys(i.title).map(function (k) { return i.title[k]; });
          var hay = fold(titles.join(' ') + ' ' + i.id);
          if (words.some(function (w) { return hay.indexOf(w) < 0; })) return;
          if (fk.value && i.kind !== fk.value) return;
          if (fy.value && i.year !== fy.value) return;
          if (fs.value === 'draft' && !i.draft) return;
          if (fs.value === 'published' && i.draft) return;
          if (fm.checked && !i.missing.length) return;
          if (fp.checked && !i.problems.length) return;
          shown += 1;
          var first = Object.keys(i.files)[0];
          var path = i.files.vi || i.files[first];
          var title = i.title[lang] || i.title.vi || titles[0] || i.id;
          var href = i.data ? '/_edit/item?data=' + i.data + '&id=' + encodeURIComponent(i.id) :
            '/_edit/item?path=' + encodeURIComponent(path);
          tbody.appendChild(el('tr', null,
            el('td', { text: t('kinds')[i.kind] || i.kind }),
            el('th', { scope: 'row' }, el('a', { href: withLang(href) }, title)),
            el('td', { text: i.year || t('none') }),
            el('td', { text: i.draft ? t('draft') : t('published') }),
            el('td', { text: i.missing.length ? t('missing') + ': ' + i.missing.join(', ') : t('ok') }),
            el('td', { text: i.problems.length ? String(i.problems.length) : t('none') })));
        });
        count.textContent = t('shown').replace('{n}', shown).replace('{t}', items.length);
      }
      [q, fk, fy, fs, fm, fp].forEach(function (c) { c.addEventListener('input', render); c.addEventListener('change', render); });
      render();
    });
  }

  // ---------------------------------------------------------------------------------
  // Schema → widgets

  // The data files the editor edits entry by entry (the list's kinds for them).
  var DATA = ['units', 'documents', 'events', 'indicators'];
  // The site's languages, the first first: the columns of a {vi, en} text.
  var siteLangs = ['vi', 'en'];

  var REFS = {
    campaign: 'campaign', campaigns: 'campaign', plan: 'plan', plans: 'plan',
    unit: 'units', lead_unit: 'units', exemplar: 'exemplar', indicator: 'indicators',
    based_on: 'documents', awarded: null
  };
  var UPLOADS = { photo: 'image/jpeg,image/png,image/webp', file: 'application/pdf,image/jpeg,image/png' };

  // The shape of a property: {type, options, item, props, required}.
  function shape(s, root) {
    if (!s) return { type: 'any' };
    if (s.$ref) return shape(root.definitions[s.$ref.split('/').pop()], root);
    if (s.oneOf && s.oneOf.every(function (o) { return o.const !== undefined; })) {
      return { type: 'enum', options: s.oneOf.map(function (o) { return o.const; }) };
    }
    if (Array.isArray(s.enum)) return { type: 'enum', options: s.enum };
    if (s.allOf && s.allOf.length === 1) return shape(s.allOf[0], root);
    if (isTexts(s)) return { type: 'texts' };
    if (s.anyOf) {
      var rest = s.anyOf.filter(function (o) { return o.type !== 'null'; });
      // One text for every language or one per language ("%" or {vi, en}): as written.
      if (rest.some(isTexts)) return { type: 'any' };
      if (rest.length === 1) return shape(rest[0], root);
      if (rest.some(function (o) { return o.type === 'string'; })) return { type: 'string' };
      return { type: 'any' };
    }
    var type = Array.isArray(s.type) ? s.type.filter(function (x) { return x !== 'null'; })[0] : s.type;
    if (type === 'array') return { type: 'array', item: shape(s.items, root) };
    if (type === 'object' && s.properties) {
      return { type: 'object', props: s.properties, required: s.required || [], root: root };
    }
    if (type === 'object') return { type: 'any' };
    return { type: type || 'any' };
  }

  // A text once per language: { vi: "…", en: "…" }.
  function isTexts(s) {
    var object = s && (s.type === 'object' || (Array.isArray(s.type) && s.type.indexOf('object') >= 0));
    return !!object && !s.properties && !!s.additionalProperties && s.additionalProperties.type === 'string';
  }

  function isFact(s) { return /^Fact\b/.test((s && s.description) || ''); }
  function isText(name, s, root) {
    if (name === 'draft' || isFact(s)) return false;
    var sh = shape(s, root);
    return sh.type === 'string' || (sh.type === 'array' && sh.item.type === 'string');
  }

  // A widget: {node, get(), focus, fields: {name: widget}} for an input of a shape.
  function widget(name, s, root, value, ids, ctx, labelText) {
    var sh = shape(s, root);
    var id = newId('f-' + name);
    var initialText = value === null || value === undefined ? '' :
      (typeof value === 'object' ? JSON.stringify(value) : String(value));
    var input;
    var ref = Object.prototype.hasOwnProperty.call(REFS, name) && sh.type !== 'any' ? REFS[name] : null;

    if (sh.type === 'array') {
      return listWidget(name, sh, s, root, Array.isArray(value) ? value : [], ids, ctx, id);
    }
    if (sh.type === 'object') {
      return objectWidget(name, sh, s, value || {}, ids, ctx, id, labelText);
    }
    if (sh.type === 'texts') {
      return textsWidget(name, s, value || {}, ctx, id, labelText);
    }
    if (sh.type === 'boolean') {
      input = el('input', { type: 'checkbox', id: id });
      input.checked = value === true;
      return wrap(name, s, id, input, function () {
        if (input.checked) return true;
        return value === false ? false : null;
      }, true, ctx, labelText);
    }
    var datalist = null;
    if (sh.type !== 'enum' && ref && ids && ids[ref]) {
      // A reference: type it or pick it; an id that does not exist is said at the field.
      datalist = el('datalist', { id: id + '-ids' }, ids[ref].map(function (o) { return el('option', { value: o }); }));
      input = el('input', { id: id, type: 'text', list: id + '-ids', autocomplete: 'off', spellcheck: 'false' });
      input.value = initialText;
    } else if (sh.type === 'enum') {
      var options = sh.options;
      input = el('select', { id: id },
        el('option', { value: '', text: t('choose') }),
        options.map(function (o) {
          var names = T[lang].values || {};
          return el('option', { value: o, text: names[o] ? names[o] + ' (' + o + ')' : o });
        }));
      if (initialText && options.indexOf(initialText) < 0) {
        input.appendChild(el('option', { value: initialText, text: initialText }));
      }
      input.value = initialText;
    } else if (sh.type === 'any') {
      input = el('textarea', { id: id, rows: 3, class: 'json' });
      input.value = initialText;
      return wrap(name, s, id, input, function () {
        if (input.value === initialText) return value === undefined ? null : value;
        if (!input.value.trim()) return null;
        try { return JSON.parse(input.value); } catch (e) { return input.value; }
      }, false, ctx, labelText);
    } else if (name === 'summary' || name === 'achievements') {
      input = el('textarea', { id: id, rows: 2 });
      input.value = initialText;
    } else {
      input = el('input', { id: id, type: 'text', autocomplete: 'off' });
      if (sh.type === 'integer' || sh.type === 'number') input.setAttribute('inputmode', 'decimal');
      input.value = initialText;
    }
    var w = wrap(name, s, id, input, function () {
      var v = input.value.trim();
      if (input.value === initialText) return value === undefined ? null : value;
      if (!v) return null;
      if (sh.type === 'integer' && /^-?\d+$/.test(v)) return parseInt(v, 10);
      return v;
    }, false, ctx, labelText);
    if (UPLOADS[name]) addUpload(w, input, UPLOADS[name]);
    if (datalist) w.node.appendChild(datalist);
    return w;
  }

  function wrap(name, s, id, input, get, inline, ctx, labelText) {
    var helpId = id + '-help';
    var text = labelText ? '' : help(name, s);
    var shown = labelText || label(name);
    input.setAttribute('name', name);
    if (text) input.setAttribute('aria-describedby', helpId);
    var errBox = el('p', { class: 'error', id: id + '-error', hidden: true });
    var node = el('div', { class: 'field' + (inline ? ' inline' : ''), 'data-field': name },
      inline ? null : el('label', { for: id, text: shown }),
      inline ? el('span', { class: 'check' }, input, el('label', { for: id, text: shown })) : input,
      text ? el('p', { class: 'help', id: helpId, text: text }) : null,
      errBox);
    var w = { node: node, get: get, input: input, name: name, errBox: errBox, helpId: text ? helpId : null };
    if (ctx) ctx.push(w);
    return w;
  }

  function addUpload(w, input, accept) {
    var fileId = input.id + '-upload';
    var file = el('input', { type: 'file', id: fileId, accept: accept });
    var box = el('div', { class: 'upload' }, el('label', { for: fileId, text: t('upload') }), file);
    function send(f) {
      api('upload?name=' + encodeURIComponent(f.name), f, true).then(function (r) {
        if (r.ok) {
          input.value = r.data.address;
          say(t('uploaded') + r.data.address);
          showFieldError(w, null);
        } else {
          showFieldError(w, r.data.error || r.data.errors);
        }
      });
    }
    file.addEventListener('change', function () { if (file.files[0]) send(file.files[0]); });
    box.addEventListener('dragover', function (e) { e.preventDefault(); box.classList.add('drop'); });
    box.addEventListener('dragleave', function () { box.classList.remove('drop'); });
    box.addEventListener('drop', function (e) {
      e.preventDefault(); box.classList.remove('drop');
      if (e.dataTransfer.files[0]) send(e.dataTransfer.files[0]);
    });
    w.node.insertBefore(box, w.errBox);
  }

  function objectWidget(name, sh, s, value, ids, ctx, id, legendText) {
    var children = [];
    var inner = [];
    Object.keys(sh.props).forEach(function (k) {
      var cw = widget(k, sh.props[k], sh.root, value[k], ids, inner);
      children.push([k, cw]);
    });
    var legendId = id + '-legend';
    var node = el('fieldset', { class: 'object', 'data-field': name },
      el('legend', { id: legendId, text: legendText || label(name) }),
      !legendText && help(name, s) ? el('p', { class: 'help', text: help(name, s) }) : null,
      children.map(function (c) { return c[1].node; }));
    var errBox = el('p', { class: 'error', id: id + '-error', hidden: true });
    node.appendChild(errBox);
    var w = { node: node, name: name, errBox: errBox, input: children.length ? children[0][1].input : null, get: function () {
      var out = {};
      var any = false;
      children.forEach(function (c) {
        var v = c[1].get();
        if (v !== null && v !== undefined && v !== '') { out[c[0]] = v; any = true; }
      });
      return any ? out : null;
    } };
    if (ctx) ctx.push(w);
    return w;
  }

  // A text once per language, in one place (inside a list row): one input per language.
  function textsWidget(name, s, value, ctx, id, legendText) {
    var inner = siteLangs.map(function (code) {
      var w = textInput(name, value[code], code, label(name) + ' (' + t('lang_' + code) + ')');
      w.input.setAttribute('lang', code);
      return w;
    });
    var errBox = el('p', { class: 'error', id: id + '-error', hidden: true });
    var node = el('fieldset', { class: 'object', 'data-field': name },
      el('legend', { text: legendText || label(name) }),
      inner.map(function (w) { return w.node; }), errBox);
    var w = { node: node, name: name, errBox: errBox, input: inner[0].input, get: function () {
      return textsValue(inner);
    } };
    if (ctx) ctx.push(w);
    return w;
  }

  // One language's text of a {vi, en} field: a text box (a long text: a text area).
  function textInput(name, value, code, labelText) {
    var id = newId('f-' + name + '-' + code);
    var long = name === 'summary' || name === 'title' && (value || '').length > 80;
    var input = el(long ? 'textarea' : 'input', long ? { id: id, rows: 3 } : { id: id, type: 'text', autocomplete: 'off' });
    input.value = value || '';
    var w = wrap(name, null, id, input, function () { return input.value.trim(); }, false, null, labelText);
    w.lang = code;
    return w;
  }

  // The {vi, en} value of one input per language; null when every one is empty.
  function textsValue(inputs) {
    var out = {};
    var any = false;
    inputs.forEach(function (w) {
      var v = w.get();
      if (v) { out[w.lang] = v; any = true; }
    });
    return any ? out : null;
  }

  function listWidget(name, sh, s, root, values, ids, ctx, id) {
    var rows = [];
    var ol = el('ol', { class: 'list' });
    var errBox = el('p', { class: 'error', id: id + '-error', hidden: true });
    var addBtn = el('button', { type: 'button', class: 'add', text: t('add') + ': ' + label(name) });
    var node = el('fieldset', { class: 'array', 'data-field': name },
      el('legend', { text: label(name) }),
      help(name, s) ? el('p', { class: 'help', text: help(name, s) }) : null,
      ol, addBtn, errBox);

    function addRow(v) {
      var row = {};
      var li = el('li');
      var n = rows.length + 1;
      var labelText = label(name) + ' ' + n;
      var w = sh.item.type === 'object' ?
        objectWidget(name, sh.item, null, v || {}, ids, null, newId('f-' + name), labelText) :
        widget(name, s.items || {}, root, v, ids, null, labelText);
      var tools = el('div', { class: 'row-tools' },
        el('button', { type: 'button', text: t('up'), 'aria-label': t('up') + ': ' + labelText, onclick: function () { move(row, -1); } }),
        el('button', { type: 'button', text: t('down'), 'aria-label': t('down') + ': ' + labelText, onclick: function () { move(row, 1); } }),
        el('button', { type: 'button', text: t('remove'), 'aria-label': t('remove') + ': ' + labelText, onclick: function () {
          rows.splice(rows.indexOf(row), 1); ol.removeChild(li); addBtn.focus();
        } }));
      li.appendChild(w.node);
      li.appendChild(tools);
      row.li = li; row.w = w;
      rows.push(row);
      ol.appendChild(li);
      return row;
    }
    function move(row, by) {
      var i = rows.indexOf(row);
      var j = i + by;
      if (j < 0 || j >= rows.length) return;
      rows.splice(i, 1);
      rows.splice(j, 0, row);
      ol.textContent = '';
      rows.forEach(function (r) { ol.appendChild(r.li); });
      if (row.w.input) row.w.input.focus();
    }
    values.forEach(addRow);
    addBtn.addEventListener('click', function () {
      var row = addRow(sh.item.type === 'object' ? {} : '');
      if (row.w.input) row.w.input.focus();
    });
    var original = JSON.stringify(values);
    var w = { node: node, name: name, errBox: errBox, input: null, get: function () {
      var out = rows.map(function (r) { return r.w.get(); }).filter(function (v) { return v !== null && v !== ''; });
      if (JSON.stringify(out) === original) return values.length ? values : null;
      return out.length ? out : null;
    } };
    Object.defineProperty(w, 'input', { get: function () { return rows.length && rows[0].w.input ? rows[0].w.input : addBtn; } });
    if (ctx) ctx.push(w);
    return w;
  }

  function showFieldError(w, message) {
    if (!message) {
      w.errBox.hidden = true;
      w.errBox.textContent = '';
      if (w.input) {
        w.input.removeAttribute('aria-invalid');
        w.input.setAttribute('aria-describedby', w.helpId || '');
      }
      return;
    }
    w.errBox.hidden = false;
    w.errBox.textContent = Array.isArray(message) ? message.map(function (m) { return m.message || m; }).join(' ') : message;
    if (w.input) {
      w.input.setAttribute('aria-invalid', 'true');
      w.input.setAttribute('aria-describedby', (w.errBox.id + ' ' + (w.helpId || '')).trim());
    }
  }

  // ---------------------------------------------------------------------------------
  // The markdown body: toolbar, textarea, preview

  function bodyEditor(code, text) {
    var id = newId('body-' + code);
    var area = el('textarea', { id: id, rows: 12, class: 'body', lang: code, spellcheck: 'true' });
    area.value = text || '';
    var pane = el('div', { class: 'preview', 'aria-live': 'polite', lang: code });
    function insert(before, after, placeholder) {
      var s = area.selectionStart, e = area.selectionEnd;
      var chosen = area.value.slice(s, e) || placeholder;
      area.setRangeText(before + chosen + after, s, e, 'end');
      area.focus();
    }
    var tools = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('toolbar') + ' (' + t('lang_' + code) + ')' },
      el('button', { type: 'button', text: t('heading'), onclick: function () { insert('\n## ', '\n', t('heading')); } }),
      el('button', { type: 'button', text: t('bullet'), onclick: function () { insert('\n- ', '\n', '…'); } }),
      el('button', { type: 'button', text: t('link'), onclick: function () { insert('[', '](/)', t('link')); } }),
      el('button', { type: 'button', text: t('table'), onclick: function () {
        insert('\n| A | B |\n|---|---|\n| ', ' | 2 |\n', '1');
      } }),
      el('button', { type: 'button', text: t('preview'), onclick: function () {
        api('preview', { body: area.value }).then(function (r) {
          pane.innerHTML = r.ok ? r.data.html : '';
        });
      } }));
    var node = el('div', { class: 'body-editor' },
      el('label', { for: id, text: t('body') + ' (' + t('lang_' + code) + ')' }), tools, area, pane);
    return { node: node, get: function () { return area.value; }, area: area };
  }

  // ---------------------------------------------------------------------------------
  // An item

  function itemScreen() {
    var path = param('path') || '';
    return api('item?path=' + encodeURIComponent(path)).then(function (res) {
      if (!res.ok) throw new Error(res.data.error);
      var item = res.data;
      var langs = item.languages;
      var first = langs[0];
      var schema = item.schema;
      var trSchema = item.translation_schema && item.translation_schema.properties ? item.translation_schema : schema;
      var props = schema.properties;
      var names = Object.keys(props).filter(function (k) { return k !== 'draft'; });
      var ORDER = ['title', 'summary', 'kind', 'doc_kind', 'unit', 'lead_unit', 'campaign', 'campaigns', 'plan', 'plans',
        'period', 'launched', 'ends', 'issued', 'recognized', 'posted', 'opens', 'deadline', 'submitted', 'award', 'council',
        'photo', 'photo_alt', 'symbol', 'number', 'place', 'issuer', 'recipient', 'recipients', 'signer', 'results', 'attachments'];
      names.sort(function (a, b) {
        var ia = ORDER.indexOf(a), ib = ORDER.indexOf(b);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : 1);
      });
      var texts = names.filter(function (k) { return isText(k, props[k], schema); });
      var facts = names.filter(function (k) { return texts.indexOf(k) < 0; });
      var files = item.files;
      var firstFront = (files[first] && files[first].front) || {};
      var isDraft = langs.some(function (c) { return files[c].front && files[c].front.draft === true; });
      var title = firstFront.title || item.id;

      main.textContent = '';
      document.title = title + ' – ' + document.title;
      main.appendChild(el('p', { class: 'crumb' }, el('a', { href: withLang('/_edit/') }, t('list')), ' › ' + t('kinds')[item.kind]));
      main.appendChild(el('h1', { text: title }));
      main.appendChild(el('p', null,
        el('a', { href: item.preview, target: '_blank', rel: 'noopener noreferrer', id: 'preview-link' }, t('viewPage')),
        isDraft ? el('span', { class: 'badge', text: ' ' + t('draft') }) : null));

      var summary = el('div', { id: 'errors', class: 'errors', tabindex: '-1', hidden: true });
      main.appendChild(summary);

      var ctx = { facts: [], text: {} };
      var form = el('form', { id: 'item-form', novalidate: true });
      main.appendChild(form);

      // Facts once, from the first language's file.
      var factBox = el('section', { class: 'facts', 'aria-labelledby': 'facts-h' }, el('h2', { id: 'facts-h', text: t('facts') }));
      facts.forEach(function (k) {
        var w = widget(k, props[k], schema, firstFront[k], item.ids, null);
        w.lang = first;
        ctx.facts.push(w);
        factBox.appendChild(w.node);
      });
      form.appendChild(factBox);

      // Each language's text side by side.
      var cols = el('div', { class: 'columns' });
      var bodies = {};
      var creating = {};
      langs.forEach(function (code) {
        var f = files[code];
        var col = el('section', { class: 'column', lang: code, 'aria-labelledby': 'col-' + code },
          el('h2', { id: 'col-' + code, text: t('texts') + ': ' + t('lang_' + code) }));
        ctx.text[code] = [];
        function fill() {
          var front = f.front || {};
          var sch = code === first ? schema : trSchema;
          texts.forEach(function (k) {
            var w = widget(k, sch.properties[k] || props[k], sch, front[k], item.ids, null);
            w.lang = code;
            ctx.text[code].push(w);
            col.appendChild(w.node);
          });
          bodies[code] = bodyEditor(code, f.body);
          col.appendChild(bodies[code].node);
        }
        if (f.missing) {
          var btn = el('button', { type: 'button', class: 'make-tr', text: t('makeTr') + ' (' + t('lang_' + code) + ')' });
          var note = el('p', { text: t('noTr') });
          btn.addEventListener('click', function () {
            creating[code] = true;
            col.removeChild(note); col.removeChild(btn);
            fill();
            if (ctx.text[code][0]) ctx.text[code][0].input.focus();
          });
          col.appendChild(note);
          col.appendChild(btn);
        } else {
          fill();
        }
        cols.appendChild(col);
      });
      form.appendChild(cols);

      if (item.kind === 'report') form.appendChild(importHook(path));

      var saveBtn = el('button', { type: 'submit', class: 'primary', text: t('save') });
      form.appendChild(el('div', { class: 'actions' }, saveBtn));

      function allWidgets() {
        var out = ctx.facts.slice();
        langs.forEach(function (c) { out = out.concat(ctx.text[c]); });
        return out;
      }

      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var payload = { path: path, files: {} };
        langs.forEach(function (code) {
          if (files[code].missing && !creating[code]) return;
          var fields = {};
          if (code === first) ctx.facts.forEach(function (w) { fields[w.name] = w.get(); });
          ctx.text[code].forEach(function (w) { fields[w.name] = w.get(); });
          payload.files[code] = { fields: fields, body: bodies[code] ? bodies[code].get() : undefined };
        });
        say(t('saving'));
        saveBtn.disabled = true;
        api('save', payload).then(function (r) {
          saveBtn.disabled = false;
          allWidgets().forEach(function (w) { showFieldError(w, null); });
          summary.hidden = true;
          summary.textContent = '';
          if (r.ok) {
            say(t('saved'));
            Object.keys(creating).forEach(function (c) { files[c].missing = false; });
            return;
          }
          showErrors(r.data, allWidgets(), summary);
        });
      });

      // Draft, rename, delete.
      var draftRow = function (failed) {
        return el('div', { class: 'row' },
          el('button', { type: 'button', id: 'draft-btn', text: isDraft ? t('publish') : t('markDraft'), onclick: function () {
            api('draft', { path: path, draft: !isDraft }).then(function (r) { if (r.ok) window.location.reload(); else failed(r); });
          } }));
      };
      main.appendChild(actionsSection({
        id: item.id,
        before: draftRow,
        rename: function (id) { return api('rename', { path: path, id: id }); },
        renamed: function (r) { return '/_edit/item?path=' + encodeURIComponent(r.data.path); },
        confirm: t('confirmDel'),
        remove: function () { return api('delete', { path: path }); }
      }));
    });
  }

  // The actions of an item or a data entry: what `a.before` adds (the draft button), the
  // rename form (the references follow) and the delete button, and their errors, each
  // with where it is (a file still naming what is deleted).
  function actionsSection(a) {
    var renameIn = el('input', { id: 'rename-id', type: 'text', value: a.id, autocomplete: 'off', spellcheck: 'false' });
    var actionErr = el('div', { class: 'error', id: 'action-error', tabindex: '-1', hidden: true });
    function failed(r) {
      actionErr.hidden = false;
      actionErr.textContent = '';
      var list = r.data.errors || [{ message: r.data.error }];
      actionErr.appendChild(el('ul', null, list.map(function (x) {
        return el('li', { text: (x.path ? x.path + (x.line ? ':' + x.line : '') + ': ' : '') + x.message + (x.code ? ' [' + x.code + ']' : '') });
      })));
      actionErr.focus();
    }
    return el('section', { class: 'item-actions', 'aria-labelledby': 'actions-h' },
      el('h2', { id: 'actions-h', text: t('actions') }),
      a.before ? a.before(failed) : null,
      el('form', { class: 'row', onsubmit: function (e) {
        e.preventDefault();
        a.rename(renameIn.value).then(function (r) {
          if (r.ok) window.location.href = withLang(a.renamed(r));
          else failed(r);
        });
      } },
        el('label', { for: 'rename-id', text: t('newId') }), renameIn,
        el('button', { type: 'submit', text: t('renameBtn') })),
      el('div', { class: 'row' },
        el('button', { type: 'button', class: 'danger', text: t('del'), onclick: function () {
          if (!window.confirm(a.confirm)) return;
          a.remove().then(function (r) {
            if (r.ok) window.location.href = withLang('/_edit/trash');
            else failed(r);
          });
        } })),
      actionErr);
  }

  // ---------------------------------------------------------------------------------
  // A data entry (a unit, document, event or indicator): its facts once, its {vi, en}
  // texts in the language columns, saved into its own lines of content/data/<file>.yaml.

  var ENTRY_ORDER = ['id', 'kind', 'number', 'date', 'name', 'title', 'issuer', 'issued', 'effective',
    'summary', 'campaign', 'direction', 'unit', 'target', 'target_min', 'target_max', 'baseline',
    'baseline_period', 'decimals', 'file', 'link', 'attachments', 'illustrative', 'draft'];

  function entryScreen() {
    var file = param('data') || '';
    var isNew = param('new') === '1';
    var query = 'entry?file=' + encodeURIComponent(file) + (isNew ?
      '&new=1&name=' + encodeURIComponent(param('name') || '') : '&id=' + encodeURIComponent(param('id') || ''));
    return api(query).then(function (res) {
      if (!res.ok) throw new Error(res.data.error);
      var data = res.data;
      var langs = data.languages;
      siteLangs = langs;
      labelScope = file;
      var schema = data.schema;
      var props = schema.properties;
      var entry = data.entry;
      var names = Object.keys(props).filter(function (k) { return isNew || k !== 'id'; });
      names.sort(function (a, b) {
        var ia = ENTRY_ORDER.indexOf(a), ib = ENTRY_ORDER.indexOf(b);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : 1);
      });
      var texts = names.filter(function (k) { return shape(props[k], schema).type === 'texts'; });
      var facts = names.filter(function (k) { return texts.indexOf(k) < 0; });
      var titleText = entry[data.title_field] || {};
      var title = isNew ? t('newEntry') + ': ' + t('kinds')[file] :
        (titleText[lang] || titleText[langs[0]] || data.id);
      if (entry.number) title = entry.number + ': ' + title;

      main.textContent = '';
      document.title = title + ' – ' + document.title;
      main.appendChild(el('p', { class: 'crumb' }, el('a', { href: withLang('/_edit/') }, t('list')), ' › ' + t('kinds')[file]));
      main.appendChild(el('h1', { text: title }));
      main.appendChild(el('p', { class: 'help', text: t('dataFile') + ' ' + data.path }));
      var summary = el('div', { id: 'errors', class: 'errors', tabindex: '-1', hidden: true });
      main.appendChild(summary);

      var form = el('form', { id: 'item-form', class: 'entry', novalidate: true });
      main.appendChild(form);
      var factWidgets = [];
      var factBox = el('section', { class: 'facts', 'aria-labelledby': 'facts-h' }, el('h2', { id: 'facts-h', text: t('entryFacts') }));
      facts.forEach(function (k) {
        // The unit of an indicator is a unit of measure, not a unit of the organization.
        var w = widget(k, props[k], schema, entry[k], file === 'indicators' && k === 'unit' ? null : data.ids, null);
        factWidgets.push(w);
        factBox.appendChild(w.node);
      });
      if (facts.length) form.appendChild(factBox);

      var textWidgets = {};
      var cols = el('div', { class: 'columns' });
      langs.forEach(function (code) {
        var col = el('section', { class: 'column', lang: code, 'aria-labelledby': 'col-' + code },
          el('h2', { id: 'col-' + code, text: t('entryTexts') + ': ' + t('lang_' + code) }));
        textWidgets[code] = texts.map(function (k) {
          var w = textInput(k, (entry[k] || {})[code], code, label(k));
          col.appendChild(w.node);
          return w;
        });
        cols.appendChild(col);
      });
      if (texts.length) form.appendChild(cols);

      var saveBtn = el('button', { type: 'submit', class: 'primary', text: isNew ? t('createBtn') : t('save') });
      form.appendChild(el('div', { class: 'actions' }, saveBtn));

      function allWidgets() {
        var out = factWidgets.slice();
        langs.forEach(function (c) { out = out.concat(textWidgets[c]); });
        return out;
      }

      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var fields = {};
        factWidgets.forEach(function (w) { fields[w.name] = w.get(); });
        texts.forEach(function (k, i) {
          fields[k] = textsValue(langs.map(function (c) { return textWidgets[c][i]; }));
        });
        say(t('saving'));
        saveBtn.disabled = true;
        var req = isNew ? api('entry/create', { file: file, fields: fields }) :
          api('entry/save', { file: file, id: data.id, fields: fields });
        req.then(function (r) {
          saveBtn.disabled = false;
          allWidgets().forEach(function (w) { showFieldError(w, null); });
          summary.hidden = true;
          summary.textContent = '';
          if (r.ok && isNew) {
            window.location.href = withLang('/_edit/item?data=' + file + '&id=' + encodeURIComponent(r.data.id) + '&created=1');
            return;
          }
          if (r.ok) { say(t('saved')); return; }
          showErrors(r.data, allWidgets(), summary);
        });
      });
      if (param('created') === '1') say(t('created'));
      if (isNew) return;

      main.appendChild(actionsSection({
        id: data.id,
        rename: function (id) { return api('entry/rename', { file: file, id: data.id, new: id }); },
        renamed: function (r) { return '/_edit/item?data=' + file + '&id=' + encodeURIComponent(r.data.id); },
        confirm: t('confirmDelEntry'),
        remove: function () { return api('entry/delete', { file: file, id: data.id }); }
      }));
    });
  }

  function showErrors(data, widgets, summary) {
    var list = data.errors || [{ message: data.error }];
    var items = [];
    var focusTarget = null;
    list.forEach(function (err) {
      var code = err.lang || (err.path ? (err.path.match(/\.([a-z]{2})\.md$/) || [])[1] : null);
      var w = null;
      if (err.field) {
        w = widgets.filter(function (x) { return x.name === err.field && (!code || x.lang === code); })[0] ||
          widgets.filter(function (x) { return x.name === err.field; })[0];
      }
      // The code (MB0301) finds the problem in the reference's list of error codes.
      var text = err.message + (err.hint ? ' (' + err.hint + ')' : '') + (err.code ? ' [' + err.code + ']' : '');
      if (w) {
        var prev = w.errBox.hidden ? '' : w.errBox.textContent + ' ';
        showFieldError(w, prev + text);
        if (!focusTarget) focusTarget = w.input;
        var target = w.input && w.input.id ? '#' + w.input.id : null;
        items.push(el('li', null, target ? el('a', { href: target, onclick: function (e) {
          e.preventDefault(); w.input.focus();
        } }, label(err.field) + ': ' + err.message) : label(err.field) + ': ' + err.message));
      } else {
        items.push(el('li', { text: (err.path ? err.path + (err.line ? ':' + err.line : '') + ': ' : '') + text }));
      }
    });
    summary.textContent = '';
    summary.appendChild(el('h2', { text: t('errorsTitle') }));
    summary.appendChild(el('ul', null, items));
    summary.hidden = false;
    summary.setAttribute('role', 'alert');
    summary.focus();
    say(t('errorsTitle'));
  }

  // "Paste a table of results": the pasted rows go to the same import as `minhbach import
  // results`. The page shows which column is which (each can be changed), every row as it
  // would be written with its problems, and writes only when every row is right.
  function importHook(path) {
    var id = 'import-text';
    var area = el('textarea', { id: id, rows: 5, 'aria-describedby': 'import-help' });
    var out = el('div', { class: 'import-result', 'aria-live': 'polite' });
    var mapping = null;
    var roles = ['indicator', 'target', 'actual', 'note'];
    function send(action) {
      var req = { report: path, file_name: 'paste.tsv', text: area.value, mapping: mapping };
      api('import/' + action, req).then(function (r) {
        out.textContent = '';
        if (!r.ok) {
          out.appendChild(el('p', { class: 'error', role: 'alert', text: r.data.error || '' }));
          return;
        }
        if (r.data.written) {
          // The form again, with the figures as they are now in the file.
          itemScreen().then(function () { say(t('importDone')); });
          return;
        }
        show(r.data, action);
      });
    }
    function show(data, action) {
      var plan = data.plan;
      mapping = plan.mapping;
      var headers = data.headers.length ? data.headers : [];
      var width = Math.max(headers.length, 1);
      plan.rows.forEach(function (row) { width = Math.max(width, row.cells ? row.cells.length : 0); });
      var pickers = roles.map(function (role) {
        var sid = 'import-map-' + role;
        var sel = el('select', { id: sid },
          (role === 'indicator' ? [] : [el('option', { value: '', text: t('importNone') })]).concat(
            Array.apply(null, Array(Math.max(width, headers.length, 4))).map(function (_, c) {
              var name = headers[c] ? headers[c] : t('importColumn') + ' ' + (c + 1);
              return el('option', { value: String(c), text: name });
            })));
        var cur = mapping[role];
        sel.value = cur === null || cur === undefined ? '' : String(cur);
        sel.addEventListener('change', function () {
          mapping[role] = sel.value === '' ? null : Number(sel.value);
          send('preview');
        });
        return el('div', { class: 'field' }, el('label', { for: sid, text: t('importRole_' + role) }), sel);
      });
      out.appendChild(el('fieldset', { class: 'import-map' },
        el('legend', { text: t('importMapping') }), pickers));
      var bad = plan.rows.filter(function (r) { return r.problems.length; }).length;
      var general = (plan.problems || []).map(function (p) { return p[lang] || p.vi; });
      var table = el('table', null,
        el('caption', { text: t('importRows') }),
        el('thead', null, el('tr', null, [t('importLine')].concat(roles.map(function (r) { return t('importRole_' + r); }), [t('importProblems')]).map(function (h) {
          return el('th', { scope: 'col', text: h });
        }))),
        el('tbody', null, plan.rows.map(function (row) {
          var problems = row.problems.map(function (p) { return p[lang] || p.vi; }).join(' ');
          return el('tr', { class: row.problems.length ? 'has-problem' : '' },
            [String(row.line), row.indicator || '', row.target || '', row.actual || '', row.note || '', problems].map(function (v, k) {
              return el(k === 0 ? 'th' : 'td', k === 0 ? { scope: 'row', text: v } : { text: v });
            }));
        })));
      out.appendChild(table);
      var summary = plan.ok ? t('importAllRight') : t('importWrong').replace('{n}', String(bad));
      out.appendChild(el('p', { class: plan.ok ? 'ok' : 'error', role: plan.ok ? null : 'alert', text: summary }));
      general.forEach(function (g) { out.appendChild(el('p', { class: 'error', text: g })); });
      if (action === 'apply' && !plan.ok) say(summary);
    }
    area.addEventListener('input', function () { mapping = null; });
    return el('section', { class: 'import', 'aria-labelledby': 'import-h' },
      el('h2', { id: 'import-h', text: t('importTitle') }),
      el('label', { for: id, text: t('importTitle') }),
      el('p', { class: 'help', id: 'import-help', text: t('importHelp') }), area,
      el('div', { class: 'row' },
        el('button', { type: 'button', text: t('importPreview'), onclick: function () { send('preview'); } }),
        el('button', { type: 'button', text: t('importApply'), onclick: function () { send('apply'); } })),
      out);
  }

  // ---------------------------------------------------------------------------------
  // The trash

  function trashScreen() {
    return api('trash').then(function (res) {
      main.textContent = '';
      main.appendChild(el('h1', { text: t('trash') }));
      var entries = res.data.entries || [];
      if (!entries.length) {
        main.appendChild(el('p', { text: t('trashEmpty') }));
        return;
      }
      main.appendChild(el('ul', { class: 'trash' }, entries.map(function (e) {
        return el('li', null,
          el('span', { text: e.name + ': ' + e.files.join(', ') + ' ' }),
          el('button', { type: 'button', text: t('restore'), 'aria-label': t('restore') + ': ' + e.name, onclick: function () {
            api('restore', { name: e.name }).then(function (r) {
              say(r.ok ? t('restored') : r.data.error);
              if (r.ok) trashScreen();
            });
          } }));
      })));
    });
  }

  // ---------------------------------------------------------------------------------

  nav();
  fetch('/_edit/assets/labels.json', { credentials: 'same-origin' })
    .then(function (r) { return r.json(); })
    .then(function (l) { labels = l; })
    .then(function () {
      if (screen === 'item' && param('data')) return entryScreen();
      if (screen === 'item') return itemScreen();
      if (screen === 'trash') return trashScreen();
      return listScreen();
    })
    .catch(function (e) {
      main.textContent = '';
      main.appendChild(el('p', { class: 'error', role: 'alert', text: t('loadFail') + e.message }));
    });
})();
