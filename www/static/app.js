/* medcode: small enhancements. Pages work without this file. */
(function () {
	'use strict';

	function typing(el) {
		if (!el || el === document.body)
			return false;
		var tag = el.tagName;
		return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' ||
		    el.isContentEditable;
	}

	/* "/" focuses the site search box. */
	document.addEventListener('keydown', function (ev) {
		if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey ||
		    ev.defaultPrevented || typing(document.activeElement))
			return;
		var q = document.getElementById('q');
		if (!q)
			return;
		ev.preventDefault();
		q.focus();
		q.select();
	});

	/*
	 * Search autocomplete (ARIA 1.2 combobox with a listbox popup) on the
	 * header box and the home page's box. Suggestions come from
	 * /api/search as JSON and are built with textContent only; without
	 * this script the form still submits to /search.
	 */
	var SET_LABELS = {
		icd10cm: 'ICD-10-CM',
		icd10pcs: 'ICD-10-PCS',
		hcpcs: 'HCPCS',
		cpt: 'CPT'
	};
	var AC_DELAY = 150;	/* ms of quiet typing before a request */
	var AC_MIN = 2;		/* characters before suggesting */
	var AC_LIMIT = 10;

	/* The words of the query, lower case, for highlighting. */
	function queryWords(q) {
		return q.toLowerCase().split(/[^0-9a-z\u00c0-\u024f]+/).filter(
		    function (w) { return w.length > 0; });
	}

	/* Append title to el with the words that begin with a query word
	 * in <b>: text nodes only, never markup from the data. */
	function highlight(el, title, words) {
		var parts = title.split(/([0-9A-Za-z\u00c0-\u024f]+)/);
		var i, j, part, low, hit, b;

		for (i = 0; i < parts.length; i++) {
			part = parts[i];
			if (part === '')
				continue;
			low = part.toLowerCase();
			hit = false;
			for (j = 0; j < words.length && !hit; j++)
				hit = i % 2 === 1 && low.indexOf(words[j]) === 0;
			if (hit) {
				b = document.createElement('b');
				b.textContent = part;
				el.appendChild(b);
			} else
				el.appendChild(document.createTextNode(part));
		}
	}

	/* A same-site path for a result (the API gives url; be strict). */
	function resultUrl(r) {
		if (typeof r.url === 'string' && /^\/(?!\/)/.test(r.url))
			return r.url;
		return '/codes/' + encodeURIComponent(r.set) + '/' +
		    encodeURIComponent(r.code);
	}

	/* The "why" label: what matched, unless it is the plain title. */
	function whyLabel(m) {
		if (typeof m !== 'string' || m === '' || m === 'title')
			return '';
		return m.length > 48 ? m.slice(0, 47) + '…' : m;
	}

	function autocomplete(input) {
		var id = input.id + '-ac';
		var list = document.createElement('ul');
		var status = document.createElement('div');
		var wrap = document.createElement('div');
		var results = [];
		var active = -1;
		var timer = null;
		var seq = 0;
		var ctl = null;
		var lastQ = '';

		wrap.className = 'ac-wrap';
		input.parentNode.insertBefore(wrap, input);
		wrap.appendChild(input);
		list.id = id;
		list.className = 'ac-list';
		list.setAttribute('role', 'listbox');
		list.setAttribute('aria-label', 'Suggestions');
		list.hidden = true;
		wrap.appendChild(list);
		status.className = 'vh';
		status.setAttribute('role', 'status');
		status.setAttribute('aria-live', 'polite');
		wrap.appendChild(status);

		input.setAttribute('role', 'combobox');
		input.setAttribute('aria-autocomplete', 'list');
		input.setAttribute('aria-expanded', 'false');
		input.setAttribute('aria-controls', id);
		input.setAttribute('autocomplete', 'off');

		function setActive(i) {
			var opts = list.children;
			var k;

			active = i;
			for (k = 0; k < opts.length; k++)
				opts[k].setAttribute('aria-selected',
				    k === i ? 'true' : 'false');
			if (i >= 0 && opts[i]) {
				input.setAttribute('aria-activedescendant',
				    opts[i].id);
				if (opts[i].scrollIntoView)
					opts[i].scrollIntoView({ block: 'nearest' });
			} else
				input.removeAttribute('aria-activedescendant');
		}

		function close() {
			list.hidden = true;
			input.setAttribute('aria-expanded', 'false');
			setActive(-1);
		}

		function open() {
			if (results.length === 0)
				return;
			list.hidden = false;
			input.setAttribute('aria-expanded', 'true');
		}

		function go(i) {
			var r = results[i];
			if (!r)
				return;
			close();
			window.location.assign(resultUrl(r));
		}

		function render(q) {
			var words = queryWords(q);
			var i, r, li, code, title, why, set, w;

			while (list.firstChild)
				list.removeChild(list.firstChild);
			for (i = 0; i < results.length; i++) {
				r = results[i];
				li = document.createElement('li');
				li.id = id + '-' + i;
				li.className = 'ac-opt';
				li.setAttribute('role', 'option');
				li.setAttribute('aria-selected', 'false');
				li.setAttribute('data-index', String(i));
				code = document.createElement('span');
				code.className = 'ac-code';
				code.textContent = String(r.code);
				title = document.createElement('span');
				title.className = 'ac-title';
				if (typeof r.title === 'string' && r.title !== '')
					highlight(title, r.title, words);
				else {
					title.className += ' muted';
					title.textContent = (SET_LABELS[r.set] ||
					    r.set) + ' code';
				}
				li.appendChild(code);
				li.appendChild(title);
				w = whyLabel(r.matched);
				if (w !== '') {
					why = document.createElement('span');
					why.className = 'ac-why';
					why.textContent = w;
					li.appendChild(why);
				}
				set = document.createElement('span');
				set.className = 'ac-set';
				set.textContent = SET_LABELS[r.set] || String(r.set);
				li.appendChild(set);
				list.appendChild(li);
			}
			setActive(-1);
			if (results.length > 0) {
				open();
				status.textContent = results.length +
				    (results.length === 1 ? ' suggestion' :
				    ' suggestions') + ': use the arrow keys';
			} else {
				close();
				status.textContent = 'No suggestions';
			}
		}

		function fetchNow(q) {
			var mine = ++seq;

			if (ctl && ctl.abort)
				ctl.abort();
			ctl = window.AbortController ? new AbortController() :
			    null;
			fetch('/api/search?q=' + encodeURIComponent(q) +
			    '&limit=' + AC_LIMIT, {
				headers: { Accept: 'application/json' },
				credentials: 'same-origin',
				signal: ctl ? ctl.signal : undefined
			}).then(function (resp) {
				if (!resp.ok)
					throw new Error('HTTP ' + resp.status);
				return resp.json();
			}).then(function (data) {
				if (mine !== seq || input.value.trim() !== q)
					return;
				results = data && Array.isArray(data.results) ?
				    data.results.slice(0, AC_LIMIT) : [];
				if (document.activeElement === input)
					render(q);
			}).catch(function () {
				if (mine !== seq)
					return;
				results = [];
				close();
			});
		}

		input.addEventListener('input', function () {
			var q = input.value.trim();

			clearTimeout(timer);
			if (q === lastQ)
				return;
			lastQ = q;
			if (q.length < AC_MIN) {
				seq++;
				results = [];
				close();
				return;
			}
			timer = setTimeout(function () { fetchNow(q); },
			    AC_DELAY);
		});

		input.addEventListener('keydown', function (ev) {
			var n = results.length;

			if (ev.altKey || ev.ctrlKey || ev.metaKey)
				return;
			switch (ev.key) {
			case 'ArrowDown':
			case 'Down':
				if (n === 0)
					return;
				ev.preventDefault();
				if (list.hidden) {
					open();
					setActive(0);
				} else
					setActive(active + 1 >= n ? 0 : active + 1);
				break;
			case 'ArrowUp':
			case 'Up':
				if (n === 0)
					return;
				ev.preventDefault();
				if (list.hidden) {
					open();
					setActive(n - 1);
				} else
					setActive(active <= 0 ? n - 1 : active - 1);
				break;
			case 'Enter':
				if (!list.hidden && active >= 0) {
					ev.preventDefault();
					go(active);
				}
				/* else the form submits to /search */
				break;
			case 'Escape':
			case 'Esc':
				if (!list.hidden) {
					ev.preventDefault();
					close();
				}
				break;
			case 'Tab':
				close();
				break;
			}
		});

		input.addEventListener('focus', function () {
			if (results.length > 0 && input.value.trim() === lastQ)
				render(lastQ);
		});
		input.addEventListener('blur', function () {
			close();
		});

		/* Mouse: keep the focus in the box while choosing. */
		list.addEventListener('mousedown', function (ev) {
			ev.preventDefault();
		});
		list.addEventListener('click', function (ev) {
			var li = ev.target.closest ? ev.target.closest('.ac-opt') :
			    null;
			if (li)
				go(Number(li.getAttribute('data-index')));
		});
		list.addEventListener('mousemove', function (ev) {
			var li = ev.target.closest ? ev.target.closest('.ac-opt') :
			    null;
			var i = li ? Number(li.getAttribute('data-index')) : -1;
			if (li && i !== active)
				setActive(i);
		});

		/* Back from a code page: the list must not hang open. */
		window.addEventListener('pageshow', function () {
			close();
		});
	}

	function initAutocomplete() {
		var ids = ['q', 'hero-q'];
		var i, el;

		if (!window.fetch || !document.createElement('div').closest)
			return;
		for (i = 0; i < ids.length; i++) {
			el = document.getElementById(ids[i]);
			if (el && el.tagName === 'INPUT')
				autocomplete(el);
		}
	}

	if (document.readyState === 'loading')
		document.addEventListener('DOMContentLoaded', initAutocomplete);
	else
		initAutocomplete();

	function fallbackCopy(text) {
		var ta = document.createElement('textarea');
		var ok = false;
		ta.value = text;
		ta.setAttribute('readonly', '');
		ta.className = 'vh';
		document.body.appendChild(ta);
		ta.select();
		try {
			ok = document.execCommand('copy');
		} catch (e) {
			ok = false;
		}
		document.body.removeChild(ta);
		return ok;
	}

	function announce(btn, msg) {
		var box = btn.parentNode.querySelector('.copy-status');
		if (box)
			box.textContent = msg;
		clearTimeout(btn._mcTimer);
		btn._mcTimer = setTimeout(function () {
			if (box)
				box.textContent = '';
		}, 2500);
	}

	/* Copy-code and print buttons. */
	document.addEventListener('click', function (ev) {
		var btn = ev.target.closest ? ev.target.closest('[data-copy], [data-print]') : null;
		if (!btn)
			return;
		if (btn.hasAttribute('data-print')) {
			window.print();
			return;
		}
		var text = btn.getAttribute('data-copy');
		var done = function () { announce(btn, 'Copied ' + text); };
		var fail = function () {
			if (fallbackCopy(text))
				done();
			else
				announce(btn, 'Copy failed: select the code and copy it by hand');
		};
		if (navigator.clipboard && window.isSecureContext)
			navigator.clipboard.writeText(text).then(done, fail);
		else
			fail();
	});
})();
