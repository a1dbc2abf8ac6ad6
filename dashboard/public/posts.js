// Posts explorer: sends an analyst's correction form to the label API (POST /api/posts/:id/labels) as JSON with
// the session's CSRF token, and says in the form's status line whether it was saved; asks for a machine
// translation of a post when a translation service is configured; places and releases legal holds for the hold
// right. No inline script (CSP).
'use strict';

(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

  function checked(form, name) {
    return Array.from(form.querySelectorAll(`input[name="${name}"]:checked`)).map((box) => box.value);
  }

  async function submit(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const status = form.querySelector('.label-status');
    const button = form.querySelector('button[type="submit"]');
    const stance = form.querySelector('select[name="stance"]').value;
    // The label API takes rumour themes only for rumours and "about" themes only for counter/neutral posts.
    const body = {
      stance,
      themes: stance === 'rumour' ? checked(form, 'themes') : [],
      about: stance === 'counter' || stance === 'neutral' ? checked(form, 'about') : [],
    };
    button.disabled = true;
    status.textContent = '';
    try {
      const response = await fetch(`/api/posts/${encodeURIComponent(form.dataset.postId)}/labels`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(body),
      });
      if (response.status === 201) {
        status.textContent = form.dataset.saved;
        form.dataset.state = 'saved';
      } else {
        const answer = await response.json().catch(() => ({}));
        status.textContent = `${form.dataset.failed}: ${answer?.error?.message ?? response.status}`;
        form.dataset.state = 'failed';
      }
    } catch {
      status.textContent = form.dataset.failed;
      form.dataset.state = 'failed';
    } finally {
      button.disabled = false;
    }
  }

  // Shows only the theme boxes the chosen stance can take.
  function syncFieldsets(form) {
    const stance = form.querySelector('select[name="stance"]').value;
    form.querySelector('.label-themes').hidden = stance !== 'rumour';
    form.querySelector('.label-about').hidden = stance !== 'counter' && stance !== 'neutral';
  }

  // Machine translation of one post, on request: POST /api/posts/:id/translation; the answer is shown as text.
  async function translate(event) {
    const button = event.currentTarget;
    const box = button.closest('.translation');
    const out = box.querySelector('.translation-text');
    button.disabled = true;
    out.textContent = out.dataset.busy;
    try {
      const response = await fetch(`/api/posts/${encodeURIComponent(box.dataset.postId)}/translation`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-csrf-token': csrf },
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok && typeof answer.text === 'string') {
        out.textContent = `${out.dataset.label} (${answer.service}): ${answer.text}`;
        box.dataset.state = 'done';
      } else {
        out.textContent = `${box.dataset.failed}: ${answer?.error?.message ?? response.status}`;
        box.dataset.state = 'failed';
        button.disabled = false;
      }
    } catch {
      out.textContent = box.dataset.failed;
      box.dataset.state = 'failed';
      button.disabled = false;
    }
  }

  // Legal holds (hold right): POST /api/posts/:id/holds with the reason and case number, and
  // POST /api/holds/:id/release; the answer goes to the status line beside the control.
  async function send(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    return { ok: response.ok, message: answer?.error?.message ?? String(response.status) };
  }

  async function placeHold(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const status = form.querySelector('.hold-status');
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const result = await send(`/api/posts/${encodeURIComponent(form.dataset.postId)}/holds`, {
        reason: form.querySelector('input[name="reason"]').value,
        case: form.querySelector('input[name="case"]').value || null,
      });
      status.textContent = result.ok ? form.dataset.saved : `${form.dataset.failed}: ${result.message}`;
      form.dataset.state = result.ok ? 'saved' : 'failed';
      if (!result.ok) button.disabled = false;
    } catch {
      status.textContent = form.dataset.failed;
      form.dataset.state = 'failed';
      button.disabled = false;
    }
  }

  async function releaseHold(event) {
    const button = event.currentTarget;
    const line = button.closest('.hold');
    const status = line.querySelector('.hold-status');
    button.disabled = true;
    try {
      const result = await send(`/api/holds/${encodeURIComponent(line.dataset.holdId)}/release`, {});
      status.textContent = result.ok ? line.dataset.released : `${line.dataset.failed}: ${result.message}`;
      line.dataset.state = result.ok ? 'released' : 'failed';
      if (!result.ok) button.disabled = false;
    } catch {
      status.textContent = line.dataset.failed;
      button.disabled = false;
    }
  }

  for (const form of document.querySelectorAll('form.hold-form')) form.addEventListener('submit', placeHold);
  for (const button of document.querySelectorAll('.hold button.hold-release')) {
    button.addEventListener('click', releaseHold);
  }

  for (const button of document.querySelectorAll('.translation button.translate')) {
    button.addEventListener('click', translate);
  }

  for (const form of document.querySelectorAll('form.label-form')) {
    form.addEventListener('submit', submit);
    form.querySelector('select[name="stance"]').addEventListener('change', () => syncFieldsets(form));
    syncFieldsets(form);
  }
})();
