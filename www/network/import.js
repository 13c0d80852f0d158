// Importing a network saved by network2.py (or exported here): the "Import network" button opens a
// file picker, and a file dropped anywhere on the page is imported too. The Session checks every
// key and shape; on an error the message says what is wrong and the current network stays.

/** Larger files are refused before reading (a network2 file of the page's largest nets is far smaller). */
const MAX_BYTES = 200 * 1024 * 1024;

/** Whether a drag carries files. */
function hasFiles(e) {
  return Boolean(e.dataTransfer && [...e.dataTransfer.types].includes('Files'));
}

/** Binds `button` (opens the hidden file `input`) and drag-and-drop on the page to app.importNetwork. */
export function bindImport(app, { button, input }) {
  const load = async (file) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      app.notify(`${file.name} is ${Math.round(file.size / 1e6)} MB: too large for a network of this page (at most ${MAX_BYTES / 1024 / 1024} MB). The current network is kept.`, 'error');
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch {
      app.notify(`${file.name} could not be read. The current network is kept.`, 'error');
      return;
    }
    await app.importNetwork(text, file.name);
  };
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const [file] = input.files;
    input.value = ''; // the same file can be chosen again
    load(file);
  });

  const root = document.documentElement;
  let depth = 0; // dragenter/dragleave pairs: nested elements fire both
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth += 1;
    root.classList.add('dropping');
  });
  document.addEventListener('dragleave', (e) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (!depth) root.classList.remove('dropping');
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    root.classList.remove('dropping');
    load(e.dataTransfer.files[0]);
  });
}
