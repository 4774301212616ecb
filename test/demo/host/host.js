// The demo CMS: a media library that edits its images in the inpaint editor through the host
// SDK (built to /sdk/inpaint-embed.js). Plain JavaScript, as a CMS page might be.
import { openEditor } from '/sdk/inpaint-embed.js';

const { editorUrl, media } = await (await fetch('/demo.json')).json();
const $ = (sel) => document.querySelector(sel);
const settings = $('#settings');
settings.locale.value = navigator.language;

/** Everything a test (or a curious person in the console) may want to look at. */
const demo = { editorUrl, items: [], results: [], events: [], session: null, open };
window.demo = demo;

function log(text) {
  demo.events.push(text);
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $('#log').prepend(li);
}

function renderCard(item) {
  item.card ??= document.createElement('li');
  const card = item.card;
  card.className = 'card';
  card.dataset.name = item.name;
  card.replaceChildren();
  const img = Object.assign(document.createElement('img'), { src: item.src, alt: item.name });
  const title = Object.assign(document.createElement('strong'), { textContent: item.name });
  const info = Object.assign(document.createElement('small'), {
    textContent: item.versions
      ? `version ${item.versions + 1} · ${item.width}×${item.height}${item.was ? ` (was ${item.was}: canvas extended)` : ''} · saved from the editor`
      : 'original',
  });
  const edit = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Edit' });
  edit.setAttribute('aria-label', `Edit ${item.name}`);
  edit.addEventListener('click', () => open(item.name));
  card.append(img, title, info);
  if (item.maskSrc) card.append(Object.assign(document.createElement('img'), { src: item.maskSrc, alt: `${item.name} mask`, className: 'mask' }));
  card.append(edit);
}

for (const name of media) {
  const item = { name, src: `/media/${name}`, versions: 0 };
  demo.items.push(item);
  renderCard(item);
  $('#library').append(item.card);
}

/** The image as the chosen way of sending it: a Blob, an ArrayBuffer (transferred) or a URL. */
async function imageFor(item, send) {
  if (send === 'url') return new URL(item.src, location.href).href;
  const blob = item.blob ?? await (await fetch(item.src)).blob();
  return send === 'bytes' ? blob.arrayBuffer() : blob;
}

/**
 * Opens the editor on a library item and returns the session. `extra` goes to openEditor as is
 * (tests pass a key through it, for instance).
 */
async function open(name, extra = {}) {
  const item = demo.items.find((i) => i.name === name);
  const form = Object.fromEntries(new FormData(settings));
  const box = $('#editor-box');
  if (form.frame === 'fill') { delete box.dataset.size; box.style.width = box.style.height = ''; }
  else { const [w, h] = form.frame.split('x'); box.dataset.size = form.frame; box.style.width = `${w}px`; box.style.height = `${h}px`; }
  $('#editing-name').textContent = name;
  $('#dirty').hidden = true;
  $('#editor-dialog').showModal();

  const session = openEditor({
    container: box, editorUrl, name, image: await imageFor(item, form.send),
    prompt: `Retouch ${name}`, locale: form.locale || undefined, theme: form.theme, ...extra,
  });
  demo.session = session;
  session.on('ready', () => log('ready'));
  session.on('changed', ({ dirty }) => { $('#dirty').hidden = !dirty; log(`changed: ${dirty ? 'unsaved work' : 'all saved'}`); });
  session.on('error', (e) => log(`error: ${e.code}: ${e.message}`));
  session.on('closed', () => { $('#editor-dialog').close(); if (demo.session === session) demo.session = null; });
  session.result.then((result) => {
    demo.results.push(result);
    log(`result: ${result.width}×${result.height}, image ${result.image.size} bytes, mask ${result.mask?.size ?? 0} bytes`);
    // "Save back": the library now shows the edited version, at the size received (Extend canvas
    // in the editor changes it: the card says from what).
    const shown = item.card.querySelector('img');
    const before = shown?.naturalWidth ? `${shown.naturalWidth}×${shown.naturalHeight}` : null;
    item.was = before && before !== `${result.width}×${result.height}` ? before : null;
    item.blob = result.image;
    item.src = URL.createObjectURL(result.image);
    item.maskSrc = result.mask ? URL.createObjectURL(result.mask) : null;
    Object.assign(item, { width: result.width, height: result.height, versions: item.versions + 1 });
    renderCard(item);
  }, (e) => log(e.code === 'cancelled' ? 'cancelled by the author' : `ended: ${e.code}: ${e.message}`));
  return session;
}

$('#host-save').addEventListener('click', () => demo.session?.command('embedSave').catch((e) => log(`save: ${e.code}`)));
$('#host-close').addEventListener('click', () => demo.session?.close());
$('#editor-dialog').addEventListener('cancel', (e) => { e.preventDefault(); demo.session?.close(); });
