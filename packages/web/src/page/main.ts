import { type Key, type Lang, LIST_COLUMNS, readableIn, sheetLabel, tr } from './i18n.js';
import type {
  CityOption,
  FileBytes,
  Finding,
  Grid,
  Names,
  Outcome,
  Reply,
  Request,
  Severity,
  Stage,
} from './protocol.js';
import { STAGES } from './protocol.js';

/**
 * The page: forms, the findings list and the grid. Everything heavy happens in the worker, whose
 * source sits in the page as text and starts from a Blob URL (one file, nothing fetched).
 */

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const SYMBOL: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };
const VALUES_SHEET = '指标';
const LIST_SHEET = '高新技术企业名单';
const STORE = { city: 'sunan.city', period: 'sunan.period' } as const;

let lang: Lang = 'zh';
let outcome: Outcome | null = null;
let cities: readonly CityOption[] = [];
let names: Names = { indicators: {}, codes: {} };
let stage: Stage | 'unreadable' | 'unreadablePrevious' | 'noChoice' | null = null;
/** The sheet whose grid is shown. */
let activeSheet = VALUES_SHEET;
/** Counts presses and choices: only the latest run's replies are shown. */
let currentRun = 0;
/** True between the verdict and the grid that follows it. */
let gridPending = false;

/**
 * The file to check, kept so that each check reads it again: a handle (File System Access, where
 * the browser has it) reads the file as it is now; a chosen File reads the bytes it was chosen with,
 * or fails once the file changed, which the page says.
 */
type Source = { kind: 'handle'; handle: FileHandle } | { kind: 'file'; file: File };
interface FileHandle {
  readonly name: string;
  getFile(): Promise<File>;
}
let source: Source | null = null;
let previousSource: File | null = null;

const workerSource = $('worker-source').textContent ?? '';
const worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })));
const send = (req: Request, transfer: Transferable[] = []) => worker.postMessage(req, transfer);

// ---- text and language ----------------------------------------------------------------------

function applyLanguage(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n]')))
    el.textContent = tr(el.dataset.i18n as Key, lang);
  const button = $('lang');
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  button.textContent = tr('switchLang', lang);
  button.lang = other === 'zh' ? 'zh-CN' : 'en';
  button.setAttribute('aria-label', tr('switchLangLabel', lang));
  document.title = tr('title', lang);
  fillCities();
  showChosen();
  if (stage)
    $('stage').textContent = tr(
      STAGES.includes(stage as Stage) ? `stage_${stage as Stage}` : (stage as Key),
      lang,
    );
  if (outcome) showOutcome(outcome);
  showSendStep();
}

function fillCities(): void {
  const select = $<HTMLSelectElement>('city');
  const chosen = select.value || remembered(STORE.city);
  select.replaceChildren(
    ...cities.map((c) => new Option(`${lang === 'zh' ? c.zh : c.en}（${c.code}）`, c.code)),
  );
  if (chosen && cities.some((c) => c.code === chosen)) select.value = chosen;
}

/** The choices of this page, whether or not the browser keeps them. */
const chosenHere = new Map<string, string>();

function remembered(key: string): string {
  try {
    return chosenHere.get(key) ?? localStorage.getItem(key) ?? '';
  } catch {
    return chosenHere.get(key) ?? '';
  }
}

function remember(key: string, value: string): void {
  chosenHere.set(key, value);
  try {
    localStorage.setItem(key, value);
  } catch {
    // A browser that keeps nothing (private mode): the choice lasts until the page closes.
  }
}

function cityName(code: string): string {
  const c = cities.find((x) => x.code === code);
  return c ? (lang === 'zh' ? c.zh : c.en) : code;
}

function periodText(period: string): string {
  const m = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
  if (!m) return period;
  return m[2]
    ? tr('periodQuarter', lang, { y: m[1] ?? '', q: m[2] })
    : tr('periodAnnual', lang, { y: m[1] ?? '' });
}

// ---- files ----------------------------------------------------------------------------------

/** The bytes of a file as it is on disk now, or null when it can no longer be read. */
async function bytesNow(file: File | FileHandle): Promise<FileBytes | null> {
  try {
    const f = 'getFile' in file ? await file.getFile() : file;
    return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
  } catch {
    // Chrome refuses to read a chosen file that changed or moved since (NotReadableError).
    return null;
  }
}

function showChosen(): void {
  const name = source?.kind === 'handle' ? source.handle.name : source?.file.name;
  $('chosen').textContent = name ? tr('chosen', lang, { f: name }) : '';
}

function choose(next: Source): void {
  source = next;
  showChosen();
  $<HTMLButtonElement>('run').disabled = !cities.length;
  void runValidation();
}

function download(name: string, bytes: Uint8Array | string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- validation -----------------------------------------------------------------------------

/** Forgets the shown verdict: nothing stays on screen for bytes other than the ones just read. */
function clearResult(): void {
  outcome = null;
  $('result').hidden = true;
  $('verdict').textContent = '';
  $('findings').replaceChildren();
  $('grid').replaceChildren();
  $('cell-findings').replaceChildren();
  $('download-status').textContent = '';
  showSendStep();
}

function say(what: 'unreadable' | 'unreadablePrevious' | 'noChoice'): void {
  stage = what;
  $('progress-wrap').hidden = false;
  $<HTMLProgressElement>('progress').value = 0;
  $('stage').textContent = tr(what, lang);
}

async function runValidation(): Promise<void> {
  if (!source) return;
  const run = ++currentRun;
  clearResult();
  const city = $<HTMLSelectElement>('city').value;
  const period = $<HTMLInputElement>('period').value.trim();
  if (!city || !period) return say('noChoice');
  const file = await bytesNow(source.kind === 'handle' ? source.handle : source.file);
  if (run !== currentRun) return;
  if (!file) return say('unreadable');
  const previous = previousSource ? await bytesNow(previousSource) : null;
  if (run !== currentRun) return;
  if (previousSource && !previous) return say('unreadablePrevious');
  $('progress-wrap').hidden = false;
  setStage('received');
  $<HTMLButtonElement>('run').disabled = true;
  const transfer = [file.bytes.buffer, ...(previous ? [previous.bytes.buffer] : [])];
  send({ kind: 'validate', run, file, previous, city, period }, transfer);
}

function setStage(next: Stage): void {
  stage = next;
  $<HTMLProgressElement>('progress').value = STAGES.indexOf(next);
  $('stage').textContent = tr(`stage_${next}`, lang);
}

// ---- results --------------------------------------------------------------------------------

function columnIndex(cell: string): number {
  const letters = /^[A-Z]+/.exec(cell)?.[0] ?? '';
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** What a finding is about, in words: the indicator, the list's column, or what the code means. */
function subjectOf(f: Finding): string {
  const indicator = f.indicator ? names.indicators[f.indicator] : undefined;
  if (indicator) return indicator[lang];
  const column = f.sheet === LIST_SHEET && f.cell ? LIST_COLUMNS[columnIndex(f.cell)] : undefined;
  if (column) return column[lang];
  return names.codes[f.code]?.[lang] ?? '';
}

function where(f: Finding): string {
  return f.cell ?? (f.row !== undefined ? tr('rowRef', lang, { r: f.row }) : '');
}

/** A finding's cell can be shown when its sheet has a grid. */
const showable = (f: Finding) => !!f.cell && !!outcome?.grids.some((g) => g.sheet === f.sheet);

function findingHead(f: Finding): HTMLElement {
  const head = document.createElement(showable(f) ? 'button' : 'span');
  head.className = 'finding-head';
  if (head instanceof HTMLButtonElement) {
    head.type = 'button';
    head.dataset.cell = f.cell;
    head.dataset.sheet = f.sheet;
    head.addEventListener('click', () => focusCell(f.sheet ?? '', f.cell ?? ''));
  }
  head.textContent = [`${SYMBOL[f.severity]} ${tr(f.severity, lang)}`, subjectOf(f), where(f)]
    .filter(Boolean)
    .join(' · ');
  return head;
}

function findingItem(f: Finding): HTMLElement {
  const li = document.createElement('li');
  li.className = `finding sev-${f.severity}`;
  const code = document.createElement('small');
  code.className = 'code';
  code.lang = 'en';
  code.textContent = [f.code, f.path].filter(Boolean).join(' ');
  const msg = document.createElement('p');
  msg.textContent = f.message[lang];
  msg.lang = lang === 'zh' ? 'zh-CN' : 'en';
  li.append(findingHead(f), ' ', code, msg);
  // The raw value and expectation only where they read in the page's language (the message says
  // the rest in words; the JSON keeps both as they are).
  const extra = [
    f.value !== undefined && readableIn(f.value, lang) ? `${tr('value', lang)}：${f.value}` : '',
    f.expected !== undefined && readableIn(f.expected, lang) ? `${tr('expected', lang)}：${f.expected}` : '',
  ].filter(Boolean);
  if (extra.length) {
    const p = document.createElement('p');
    p.className = 'detail';
    p.textContent = extra.join(' · ');
    li.append(p);
  }
  return li;
}

function renderFindings(o: Outcome): void {
  const box = $('findings');
  if (o.findings.length === 0) {
    const p = document.createElement('p');
    p.textContent = tr('noFindings', lang);
    box.replaceChildren(p);
    return;
  }
  const bySheet = new Map<string, Finding[]>();
  for (const f of o.findings) {
    const key = f.sheet ?? '';
    bySheet.set(key, [...(bySheet.get(key) ?? []), f]);
  }
  const out = document.createDocumentFragment();
  for (const [sheet, list] of bySheet) {
    const group = document.createElement('section');
    group.className = 'sheet-group';
    const h = document.createElement('h4');
    h.textContent = `${sheetLabel(sheet, lang)}（${list.length}）`;
    const ul = document.createElement('ul');
    ul.append(...list.map(findingItem));
    group.append(h, ul);
    out.append(group);
  }
  box.replaceChildren(out);
}

// ---- grid -----------------------------------------------------------------------------------

function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function worst(list: readonly Finding[]): Severity {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return list.reduce<Severity>((a, f) => (rank[f.severity] < rank[a] ? f.severity : a), 'info');
}

/** The id of a grid cell: the 指标 sheet's cells by reference alone, the list's prefixed. */
const cellId = (sheet: string, ref: string) => (sheet === VALUES_SHEET ? `cell-${ref}` : `list-${ref}`);

function gridCell(tr_: HTMLTableRowElement, g: Grid, ref: string, text: string, list?: Finding[]): void {
  const td = tr_.insertCell();
  td.id = cellId(g.sheet, ref);
  td.dataset.ref = ref;
  td.title = text;
  if (!list) {
    td.textContent = text;
    return;
  }
  // A problem cell is a button: reachable by keyboard, and its symbol says what colour says.
  const sev = worst(list);
  td.className = `sev-${sev}`;
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'cell-button';
  b.textContent = `${SYMBOL[sev]} ${text}`;
  b.setAttribute('aria-label', `${ref} ${tr(sev, lang)}: ${text}`);
  td.append(b);
}

function gridTable(o: Outcome, g: Grid): HTMLTableElement {
  const byCell = new Map<string, Finding[]>();
  for (const f of o.findings)
    if (f.sheet === g.sheet && f.cell) byCell.set(f.cell, [...(byCell.get(f.cell) ?? []), f]);
  const width = Math.max(...g.rows.map((r) => r.length), 1);
  const table = document.createElement('table');
  const caption = document.createElement('caption');
  caption.textContent = sheetLabel(g.sheet, lang);
  const thead = table.createTHead().insertRow();
  thead.append(document.createElement('th'));
  for (let c = 0; c < width; c++) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = columnName(c);
    thead.append(th);
  }
  const body = table.createTBody();
  g.rows.forEach((row, i) => {
    const n = g.rowNumbers[i] ?? i + 1;
    const tr_ = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = String(n);
    tr_.append(th);
    for (let c = 0; c < width; c++) {
      const ref = `${columnName(c)}${n}`;
      gridCell(tr_, g, ref, row[c] ?? '', byCell.get(ref));
    }
  });
  table.prepend(caption);
  table.addEventListener('click', (e) => {
    const td = (e.target as HTMLElement).closest('td');
    if (td?.dataset.ref) showCell(g.sheet, td.dataset.ref);
  });
  return table;
}

function renderTabs(o: Outcome): void {
  const tabs = $('grid-tabs');
  tabs.replaceChildren(
    ...o.grids.map((g) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'tab secondary';
      b.id = g.sheet === VALUES_SHEET ? 'tab-values' : 'tab-list';
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(g.sheet === activeSheet));
      b.textContent = sheetLabel(g.sheet, lang);
      b.addEventListener('click', () => {
        activeSheet = g.sheet;
        if (outcome) renderGrid(outcome);
      });
      return b;
    }),
  );
}

function renderGrid(o: Outcome): void {
  const box = $('grid');
  renderTabs(o);
  const g = o.grids.find((x) => x.sheet === activeSheet) ?? o.grids[0];
  $('grid-note').textContent = g?.omitted ? tr('gridOmitted', lang, { n: g.omitted }) : '';
  if (!g) {
    const p = document.createElement('p');
    p.textContent = tr(gridPending ? 'stage_grid' : 'gridNone', lang);
    box.replaceChildren(p);
    return;
  }
  activeSheet = g.sheet;
  box.replaceChildren(gridTable(o, g));
  // Open the 指标 sheet on its names and values: columns A–C (codes) are scrolled past.
  const names = g.sheet === VALUES_SHEET ? box.querySelector<HTMLElement>('thead th:nth-child(5)') : null;
  const corner = box.querySelector<HTMLElement>('thead th');
  box.scrollLeft = 0;
  if (names && corner)
    box.scrollLeft = names.getBoundingClientRect().left - corner.getBoundingClientRect().right;
}

function showCell(sheet: string, ref: string): void {
  for (const el of Array.from(document.querySelectorAll('.grid-scroll td.chosen')))
    el.classList.remove('chosen');
  document.getElementById(cellId(sheet, ref))?.classList.add('chosen');
  const list = outcome?.findings.filter((f) => f.sheet === sheet && f.cell === ref) ?? [];
  const box = $('cell-findings');
  const h = document.createElement('p');
  h.className = 'cell-title';
  h.textContent = list.length ? tr('cellFindings', lang, { c: ref }) : tr('cellNone', lang, { c: ref });
  const ul = document.createElement('ul');
  ul.append(...list.map(findingItem));
  box.replaceChildren(h, ...(list.length ? [ul] : []));
}

function focusCell(sheet: string, ref: string): void {
  if (sheet !== activeSheet && outcome) {
    activeSheet = sheet;
    renderGrid(outcome);
  }
  const td = document.getElementById(cellId(sheet, ref));
  if (td) {
    td.scrollIntoView({ block: 'center', inline: 'nearest' });
    (td.querySelector('button') ?? td).focus({ preventScroll: true });
  }
  showCell(sheet, ref);
}

// ---- verdict and step 3 ---------------------------------------------------------------------

function showOutcome(o: Outcome): void {
  outcome = o;
  $('result').hidden = false;
  const verdict = $('verdict');
  verdict.className = o.ok ? 'pass' : 'fail';
  const city = cityName($<HTMLSelectElement>('city').value);
  const period = periodText($<HTMLInputElement>('period').value.trim());
  verdict.textContent = `${city} · ${period} · ${o.file ?? ''}：${tr(o.ok ? 'passed' : 'failed', lang)} — ${tr(
    'counts',
    lang,
    { e: o.stats.errors, w: o.stats.warnings, i: o.stats.infos },
  )}`;
  $('annotated-hint').textContent = tr(o.format === 'xlsx' ? 'annotatedHint' : 'annotatedListOnly', lang);
  renderFindings(o);
  renderGrid(o);
  $('cell-findings').replaceChildren();
  showSendStep();
}

/** Step 3: the file to send, offered only for a file without errors, and which file that is. */
function showSendStep(): void {
  const button = $<HTMLButtonElement>('dl-submission');
  const line = $('send-line');
  const warn = $('send-warnings');
  const ok = !!outcome?.ok;
  button.hidden = !ok;
  button.disabled = !ok;
  warn.textContent =
    ok && outcome?.stats.warnings ? tr('sendWarnings', lang, { w: outcome.stats.warnings }) : '';
  if (!outcome) line.textContent = tr('sendNone', lang);
  else if (!ok) line.textContent = tr('sendBlocked', lang);
  else {
    const city = $<HTMLSelectElement>('city').value;
    const zh = cities.find((c) => c.code === city)?.zh ?? city;
    const name = `${city}-${zh}-${$<HTMLInputElement>('period').value.trim()}.xlsx`;
    line.textContent = tr('sendLine', lang, { f: name });
  }
}

/** Starts building a file in the worker: its button waits, and the status says so. */
function build(kind: 'annotated' | 'submission' | 'findings-workbook', button: string): void {
  $<HTMLButtonElement>(button).disabled = true;
  $(kind === 'submission' ? 'send-status' : 'download-status').textContent = tr('building', lang);
  send({ kind });
}

const BUTTON_OF = {
  annotated: 'dl-annotated',
  submission: 'dl-submission',
  'findings-workbook': 'dl-findings',
} as const;

function received(m: Extract<Reply, { kind: 'file' }>): void {
  download(m.name, m.bytes, XLSX_TYPE);
  if (m.purpose === 'template') {
    $('template-status').textContent = `${tr('templateReady', lang)}${m.name}`;
    return;
  }
  $<HTMLButtonElement>(BUTTON_OF[m.purpose]).disabled = false;
  $(m.purpose === 'submission' ? 'send-status' : 'download-status').textContent =
    `${tr('fileReady', lang)}${m.name}`;
}

function failed(m: Extract<Reply, { kind: 'failed' }>): void {
  const text = `${tr('failedMsg', lang)}${m[lang]}`;
  switch (m.purpose) {
    case 'template':
      $('template-status').textContent = text;
      return;
    case 'validate':
      $<HTMLButtonElement>('run').disabled = false;
      $('stage').textContent = text;
      return;
    case 'annotated':
    case 'findings-workbook':
    case 'submission':
      $<HTMLButtonElement>(BUTTON_OF[m.purpose]).disabled = false;
      $(m.purpose === 'submission' ? 'send-status' : 'download-status').textContent = text;
      return;
    default: {
      const never: never = m.purpose;
      throw new Error(`unknown purpose ${String(never)}`);
    }
  }
}

// ---- wiring ---------------------------------------------------------------------------------

function ready(m: Extract<Reply, { kind: 'ready' }>): void {
  cities = m.cities;
  names = m.names;
  fillCities();
  $<HTMLButtonElement>('make-template').disabled = false;
  $<HTMLButtonElement>('run').disabled = !source;
  document.body.dataset.ready = 'true';
}

const bump = (key: 'validated' | 'grid') => {
  document.body.dataset[key] = String(Number(document.body.dataset[key] ?? 0) + 1);
};

worker.onmessage = (e: MessageEvent<Reply>) => {
  const m = e.data;
  // A reply to an earlier press is for bytes no longer current: never shown.
  if ('run' in m && m.run !== currentRun) return;
  switch (m.kind) {
    case 'ready':
      return ready(m);
    case 'progress':
      return setStage(m.stage);
    case 'validated':
      gridPending = true;
      activeSheet = VALUES_SHEET;
      showOutcome(m.outcome);
      bump('validated');
      return;
    case 'grid':
      gridPending = false;
      $<HTMLButtonElement>('run').disabled = false;
      if (outcome) showOutcome({ ...outcome, grids: m.grids });
      bump('grid');
      return;
    case 'file':
      return received(m);
    case 'failed':
      return failed(m);
    default: {
      const never: never = m;
      return never;
    }
  }
};

type Picker = (options: object) => Promise<FileHandle[]>;
const picker = (window as unknown as { showOpenFilePicker?: Picker }).showOpenFilePicker;

$('lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  applyLanguage();
});
$('make-template').addEventListener('click', () => {
  send({
    kind: 'template',
    city: $<HTMLSelectElement>('city').value,
    period: $<HTMLInputElement>('period').value.trim(),
  });
});
/** A new 本单位 or 报告期 is remembered, and the verdict for the old one goes. */
function unitChanged(key: string, value: string): void {
  if (remembered(key) === value) return;
  remember(key, value);
  clearResult();
}
$('city').addEventListener('change', () => unitChanged(STORE.city, $<HTMLSelectElement>('city').value));
$('period').addEventListener('change', () =>
  unitChanged(STORE.period, $<HTMLInputElement>('period').value.trim()),
);
$('file').addEventListener('click', (e) => {
  // Where the browser can keep a handle, each check reads the file as it is on disk now.
  if (!picker) return;
  e.preventDefault();
  picker({ multiple: false }).then(
    ([h]) => h && choose({ kind: 'handle', handle: h }),
    () => undefined,
  );
});
$('file').addEventListener('change', () => {
  const input = $<HTMLInputElement>('file');
  const file = input.files?.[0];
  // Emptied so that choosing the same file again is a change, and checks it again.
  input.value = '';
  $('drop-status').textContent = '';
  if (file) choose({ kind: 'file', file });
});
$('previous').addEventListener('change', () => {
  previousSource = $<HTMLInputElement>('previous').files?.[0] ?? null;
});
$('run').addEventListener('click', () => void runValidation());
$('dl-annotated').addEventListener('click', () => build('annotated', 'dl-annotated'));
$('dl-findings').addEventListener('click', () => build('findings-workbook', 'dl-findings'));
$('dl-submission').addEventListener('click', () => build('submission', 'dl-submission'));
$('dl-json').addEventListener('click', () => {
  if (!outcome) return;
  const { grids: _grids, ...rest } = outcome;
  const name = `${(outcome.file ?? 'findings').replace(/\.[^.]*$/, '')}.findings.json`;
  download(name, `${JSON.stringify(rest, null, 2)}\n`, 'application/json');
  $('download-status').textContent = `${tr('fileReady', lang)}${name}`;
});

const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const files = Array.from(e.dataTransfer?.files ?? []);
  const first = files[0];
  if (!first) return;
  $('drop-status').textContent =
    files.length > 1
      ? tr('manyFiles', lang, {
          f: first.name,
          rest: files
            .slice(1)
            .map((f) => f.name)
            .join('、'),
        })
      : '';
  type Item = DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileHandle | null> };
  const item = e.dataTransfer?.items[0] as Item | undefined;
  const handle = item?.getAsFileSystemHandle?.();
  if (!handle) return choose({ kind: 'file', file: first });
  handle.then(
    (h) => choose(h && 'getFile' in h ? { kind: 'handle', handle: h } : { kind: 'file', file: first }),
    () => choose({ kind: 'file', file: first }),
  );
});

$<HTMLInputElement>('period').value = remembered(STORE.period) || String(new Date().getFullYear() - 1);
applyLanguage();
