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
