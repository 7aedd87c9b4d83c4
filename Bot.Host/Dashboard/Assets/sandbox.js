// Sandbox chat page: posts messages to /sandbox/messages and polls the conversation.
// Builds every element with textContent (never innerHTML), so nothing a message holds can run as markup.
(function () {
  'use strict';
  const root = document.getElementById('chat');
  if (!root) return;
  const messages = document.getElementById('messages');
  const senderSelect = document.getElementById('sender');
  const chatInput = document.getElementById('chat-id');
  const form = document.getElementById('composer');
  const text = document.getElementById('text');
  const status = document.getElementById('status');
  const token = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || '';
  let chat = root.dataset.chat || 'sandbox';
  let last = '';
  let busy = false;

  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function safeUrl(url) {
    return /^(https?:\/\/|\/)/i.test(url) ? url : null;
  }

  // **bold**, `code`, [text](url) and ![alt](data:image/png;base64,…) inside one line.
  function inline(parent, line) {
    const pattern = /(\*\*([^*]+)\*\*|`([^`]+)`|!\[([^\]]*)\]\(([^)\s]+)\)|\[([^\]]+)\]\(([^)\s]+)\))/g;
    let at = 0;
    let m;
    while ((m = pattern.exec(line)) !== null) {
      if (m.index > at) parent.appendChild(document.createTextNode(line.slice(at, m.index)));
      if (m[2] !== undefined) parent.appendChild(el('strong', '', m[2]));
      else if (m[3] !== undefined) parent.appendChild(el('code', '', m[3]));
      else if (m[5] !== undefined) {
        if (/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(m[5]) || safeUrl(m[5])) {
          const img = el('img');
          img.src = m[5];
          img.alt = m[4] || '图片';
          parent.appendChild(img);
        } else parent.appendChild(document.createTextNode(m[0]));
      } else if (m[7] !== undefined) {
        const href = safeUrl(m[7]);
        if (href) {
          const a = el('a', '', m[6]);
          a.href = href;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          parent.appendChild(a);
        } else parent.appendChild(document.createTextNode(m[6]));
      }
      at = pattern.lastIndex;
    }
    if (at < line.length) parent.appendChild(document.createTextNode(line.slice(at)));
  }

  // A small markdown subset: headings, bullet and numbered lists, quotes, paragraphs.
  function markdown(container, source) {
    let list = null;
    for (const raw of source.replace(/\r\n/g, '\n').split('\n')) {
      const line = raw.trimEnd();
      const item = /^\s*(?:[-*•]|\d+[.、])\s+(.*)$/.exec(line);
      if (item) {
        if (!list) { list = el('ul'); container.appendChild(list); }
        const li = el('li');
        inline(li, item[1]);
        list.appendChild(li);
        continue;
      }
      list = null;
      if (line.trim() === '') continue;
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      const quote = /^>\s?(.*)$/.exec(line);
      const node = heading ? el('h4') : el('p', quote ? 'quote' : '');
      inline(node, heading ? heading[1] : quote ? quote[1] : line);
      container.appendChild(node);
    }
  }

  function body(line) {
    const bubble = el('div', 'bubble');
    if (line.format === 'image') {
      const img = el('img');
      const payload = (line.text || '').trim();
      img.src = payload.startsWith('data:image/') ? payload : 'data:image/png;base64,' + payload.replace(/[^A-Za-z0-9+/=]/g, '');
      img.alt = '图片';
      bubble.appendChild(img);
    } else if (line.format === 'markdown') {
      markdown(bubble, line.text || '');
    } else {
      for (const [i, part] of (line.text || '').split('\n').entries()) {
        if (i > 0) bubble.appendChild(el('br'));
        bubble.appendChild(document.createTextNode(part));
      }
    }
    return bubble;
  }

  function time(at) {
    const d = new Date(at);
    return isNaN(d) ? '' : d.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function render(lines) {
    const answered = new Set(lines.filter(l => l.direction === 'out' && l.inboxId != null).map(l => l.inboxId));
    const nearBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 60;
    messages.replaceChildren();
    if (lines.length === 0) {
      messages.appendChild(el('p', 'muted empty', '暂无消息，发一条试试。'));
      return;
    }
    for (const line of lines) {
      const pending = line.direction === 'in' && !answered.has(line.inboxId) && line.state !== 'done' && line.state !== 'failed';
      const wrap = el('div', 'msg ' + (line.direction === 'in' ? 'in' : 'out') + (pending ? ' pending' : ''));
      wrap.dataset.direction = line.direction;
      wrap.appendChild(el('span', 'meta', line.sender + ' · ' + time(line.at)));
      wrap.appendChild(body(line));
      messages.appendChild(wrap);
    }
    if (nearBottom || busy) messages.scrollTop = messages.scrollHeight;
  }

  async function poll() {
    try {
      const response = await fetch('/sandbox/messages?chat=' + encodeURIComponent(chat), {
        credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store',
      });
      if (response.status === 401) { status.textContent = '登录已过期，请刷新页面重新登录。'; return; }
      if (!response.ok) { status.textContent = '读取消息失败（' + response.status + '）'; return; }
      const json = await response.text();
      if (json !== last) {
        last = json;
        render(JSON.parse(json));
      }
      if (status.dataset.kind === 'error') return;
      status.textContent = '';
    } catch (e) {
      status.textContent = '网络异常，正在重试…';
    }
  }

  async function send() {
    const content = text.value.trim();
    if (!content || busy) return;
    busy = true;
    status.dataset.kind = '';
    status.textContent = '发送中…';
    try {
      const response = await fetch('/sandbox/messages', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-TOKEN': token },
        body: JSON.stringify({ sender: senderSelect.value, text: content, chat: chat }),
      });
      if (response.ok) {
        text.value = '';
        status.textContent = '';
      } else {
        const error = await response.json().catch(() => ({}));
        status.dataset.kind = 'error';
        status.textContent = error.error || ('发送失败（' + response.status + '）');
      }
    } catch (e) {
      status.dataset.kind = 'error';
      status.textContent = '网络异常，发送失败。';
    } finally {
      busy = false;
      await poll();
      text.focus();
    }
  }

  form.addEventListener('submit', e => { e.preventDefault(); send(); });
  text.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
  });
  chatInput.addEventListener('change', () => {
    chat = chatInput.value.trim() || 'sandbox';
    last = '';
    const url = new URL(location.href);
    url.searchParams.set('chat', chat);
    history.replaceState(null, '', url);
    poll();
  });
  for (const button of document.querySelectorAll('.example')) {
    button.addEventListener('click', () => { text.value = button.dataset.example || ''; text.focus(); });
  }
  poll();
  setInterval(poll, 1500);
})();
