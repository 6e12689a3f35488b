import { type CommandHelp, type HelpRow, renderCommandHelp, table } from './help-text.js';

/** The commands, in the order the main help lists them. */
export const COMMAND_ROWS: readonly HelpRow[] = [
  { term: 'template', zh: '生成城市填报模板', en: "write a city's fillable template" },
  {
    term: 'validate',
    zh: '校验城市报表（一次列出全部问题）',
    en: 'validate submissions (every problem at once)',
  },
  {
    term: 'aggregate',
    zh: '全区汇总、核对、目标进度与报告',
    en: 'roll up the zone, reconcile, targets, reports',
  },
  {
    term: 'index',
    zh: '熵值法创新指数：权重、得分、排名',
    en: 'entropy-weighted innovation index: weights, scores, ranks',
  },
  {
    term: 'export',
    zh: '导出 SDMX-CSV、SDMX 结构和 Frictionless 数据包',
    en: 'export SDMX-CSV, the SDMX structure, a Frictionless Data Package',
  },
  {
    term: 'catalogue',
    zh: '指标目录或填报 JSON Schema',
    en: 'the indicator catalogue or the submission JSON Schema',
  },
  { term: 'web', zh: '写出填报单位用的离线网页工具', en: "write the offices' one-file offline page" },
  {
    term: 'intake',
    zh: '收件登记（原样保存、版本号、校验报告）',
    en: 'take files into the ledger (stored as received, revisions)',
  },
  { term: 'status', zh: '报告期 × 城市 收件状态表', en: 'the period × city intake matrix' },
  { term: 'accept | reject', zh: '受理、退回某版本', en: 'accept or reject a revision' },
  {
    term: 'approve | unapprove',
    zh: '审核、撤销审核（逐级向上）',
    en: 'approve or withdraw approval (upward, as in DHIS2)',
  },
  {
    term: 'lock | unlock',
    zh: '锁定、解锁某期（可单独重新开放一市）',
    en: 'lock or unlock a period (or reopen one city)',
  },
  { term: 'show', zh: '某市某期某版本入库时的校验结果', en: 'the findings stored for a revision' },
  {
    term: 'ledger',
    zh: '台账记录、取回原件、校验、导出、导入',
    en: 'log | get | verify | export | import the ledger',
  },
  { term: 'ledger diff', zh: '某市两个版本之间的改动', en: 'what changed between two revisions' },
  {
    term: 'quality',
    zh: '数据质量报告：改动、修订、及时性、完整性',
    en: 'the quality report: changes, revisions, punctuality, completeness',
  },
  { term: 'help', zh: '某个命令的说明', en: "a command's help (sunan help validate)" },
];

const LANG: HelpRow = {
  term: '--lang zh|en',
  zh: '输出语言（默认 zh）',
  en: 'language of messages (default zh)',
};
const FORMAT: HelpRow = {
  term: '--format text|json',
  zh: '输出格式（默认 text）',
  en: 'output format (default text)',
};
const DATABASE: HelpRow = {
  term: '--database <url>',
  zh: 'PostgreSQL 服务器（或 SUNAN_DATABASE_URL；默认内嵌 PGlite）：文件也存于数据库，多台电脑共用',
  en: 'PostgreSQL server (or SUNAN_DATABASE_URL; default embedded PGlite): files kept in it too, shared',
};
const LEDGER: HelpRow = {
  term: '--ledger <dir>',
  zh: '内嵌台账目录（或 SUNAN_LEDGER；用 --database 时不需要）',
  en: 'embedded ledger directory (or SUNAN_LEDGER; not needed with --database)',
};
const WAIT: HelpRow = {
  term: '--wait <seconds>',
  zh: '台账被占用时最多等待的秒数（或 SUNAN_LEDGER_WAIT；默认 30）',
  en: 'seconds to wait for a busy ledger (or SUNAN_LEDGER_WAIT; default 30)',
};
const BY: HelpRow = {
  term: '--by <name>',
  zh: '经办人；依次取 --by、环境变量 SUNAN_USER、登录名（USER/USERNAME）',
  en: 'who: --by, else SUNAN_USER, else the login name (USER/USERNAME)',
};
const LEDGER_COMMON: readonly HelpRow[] = [LEDGER, DATABASE, WAIT, BY];

type Verb = 'accept' | 'reject' | 'approve' | 'unapprove' | 'lock' | 'unlock';

const CITY_ROW: Readonly<Record<Verb, HelpRow>> = {
  accept: {
    term: '--city <code|name|list|all>',
    zh: '城市；可写逗号列表（南京,无锡）或 all',
    en: 'city; a comma list (南京,无锡) or all',
  },
  reject: { term: '--city <code|name>', zh: '城市', en: 'city' },
  approve: {
    term: '--city <code|name|list|all>',
    zh: '城市、逗号列表或 all；SUNAN 表示全区',
    en: 'city, a comma list or all; SUNAN for the zone',
  },
  unapprove: { term: '--city <code|name>', zh: '城市；SUNAN 表示全区', en: 'city; SUNAN for the zone' },
  lock: {
    term: '--city <code|name|list|all>',
    zh: '城市、逗号列表或 all；不给则锁定全区该期',
    en: 'city, a comma list or all; none: the whole period',
  },
  unlock: {
    term: '--city <code|name>',
    zh: '城市；不给则解锁全区。全区锁定时单独解锁一市 = 重新开放该市（例外）',
    en: 'city; none: the whole period. Under a zone lock, one city is reopened as an exception',
  },
};

/** The options only some decisions take. */
const EXTRA: Readonly<Record<Verb, readonly HelpRow[]>> = {
  accept: [
    {
      term: '--revision <n>',
      zh: '版本（默认最新，并说明是哪一版）',
      en: 'revision (default the latest, named)',
    },
    {
      term: '--force',
      zh: '受理含错误的版本（须同时给 --reason；状态和报告中标明）',
      en: 'accept a revision with errors (needs --reason; marked in status and reports)',
    },
    { term: '--reason <text>', zh: '原因（--force 时必填）', en: 'reason (required with --force)' },
  ],
  reject: [
    { term: '--revision <n>', zh: '版本（默认最新）', en: 'revision (default the latest)' },
    { term: '--reason <text>', zh: '原因（必填）', en: 'reason (required)' },
  ],
  approve: [
    {
      term: '--all-accepted',
      zh: '审核该期所有已受理未审核的城市',
      en: 'approve every city of the period that is accepted and not yet approved',
    },
  ],
  unapprove: [{ term: '--reason <text>', zh: '原因（必填）', en: 'reason (required)' }],
  lock: [{ term: '--reason <text>', zh: '原因（可选，记录在案）', en: 'reason (optional, recorded)' }],
  unlock: [{ term: '--reason <text>', zh: '原因（必填）', en: 'reason (required)' }],
};

const USAGE_TAIL: Readonly<Record<Verb, string>> = {
  accept: '--city <城市|列表|all> [--revision n] [--force --reason 原因]',
  reject: '--city <城市> [--revision n] --reason <原因>',
  approve: '--city <城市|列表|all|SUNAN> | --all-accepted',
  unapprove: '--city <城市|SUNAN> --reason <原因>',
  lock: '[--city <城市|列表|all>] [--reason 原因]',
  unlock: '[--city <城市>] --reason <原因>',
};

/** A decision's help: only the options that decision takes. */
function decisionHelp(verb: Verb, zh: string, en: string): CommandHelp {
  return {
    usage: `sunan ${verb} --period <报告期> ${USAGE_TAIL[verb]} --ledger <目录> [--by 经办人]`,
    zh: `${zh}。每次操作都是一条新事件，不修改任何已有记录；被拒绝时说明原因，退出码 1。`,
    en: `${en}. Each is a new event; nothing is changed in place; a refusal says why, exit 1.`,
    options: [
      CITY_ROW[verb],
      { term: '--period <id>', zh: '报告期', en: 'period' },
      ...EXTRA[verb],
      ...LEDGER_COMMON,
      FORMAT,
      LANG,
    ],
  };
}

const FORCE: HelpRow = { term: '--force', zh: '覆盖已有的输出文件', en: 'overwrite existing output files' };

/** Each command's help, Chinese first, English beside it. */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  template: {
    usage: 'sunan template --city <代码|名称> --period <报告期> [--out <文件.xlsx>]',
    zh: '生成某市某期的可填报模板（.xlsx）。城市可写 320500、苏州 或 suzhou；报告期写 2022 或 2022Q3。',
    en: 'Writes the fillable .xlsx template for a city and period. City: 320500, 苏州 or suzhou; period: 2022 or 2022Q3.',
    options: [
      { term: '--city <code|name>', zh: '城市', en: 'city' },
      { term: '--period <id>', zh: '报告期', en: 'period' },
      {
        term: '--out <file>',
        zh: '输出文件（默认 <代码>-<城市>-<报告期>.xlsx）',
        en: 'output file (default <code>-<city>-<period>.xlsx)',
      },
      FORCE,
      LANG,
    ],
  },
  validate: {
    usage: 'sunan validate <文件 file...> [选项 options]',
    zh: '校验城市报表（xlsx、xls、ods、csv、json），一次列出全部问题，具体到工作表和单元格。原文件不会被修改。',
    en: 'Validates submissions (xlsx, xls, ods, csv, json): every problem at once, with sheet and cell. Inputs are never modified.',
    options: [
      { term: '--expect-city <code|name>', zh: '预期城市；文件城市不同即为错误', en: 'expected city' },
      { term: '--expect-period <id>', zh: '预期报告期', en: 'expected period' },
      {
        term: '--previous <file|dir>',
        zh: '上期报表（文件，或按城市匹配的目录）',
        en: "previous period's files, for year-on-year checks",
      },
      {
        term: '--catalogue <file.json>',
        zh: '按自己的目录校验（先检查其规则集：无解为错误，冲突为警告）',
        en: 'validate against your own catalogue (its rule set checked first: infeasible is an error, conflicts warnings)',
      },
      {
        term: '--annotate <dir>',
        zh: '在该目录写出标注副本（新文件，名为“原文件名.标注副本.xlsx”）',
        en: 'write annotated copies (new files) into dir',
      },
      { term: '--verbose', zh: '同时列出提示信息', en: 'also list info findings' },
      FORMAT,
      LANG,
    ],
  },
  aggregate: {
    usage: 'sunan aggregate <目录|文件 dir|files...> --period <报告期> [选项 options]',
    zh: '全区汇总：校验各市报表，按规则合计到全区，核对控制数，跨市查重，同比与异常值，目标进度，写出 JSON、Excel 和 HTML 报告。',
    en: 'Rolls the cities up to the zone: validates each file, aggregates by each rule, reconciles control totals, checks across cities, growth and outliers, target progress; writes JSON, xlsx and HTML reports.',
    options: [
      { term: '--period <id>', zh: '报告期（必填）', en: 'period (required)' },
      {
        term: '--previous <dir|file>',
        zh: '上期报表',
        en: "previous period's files (growth; cumulative targets)",
      },
      {
        term: '--history <dir|file>',
        zh: '更早各期报表，可多次给出',
        en: "earlier periods' files, repeatable (cumulative targets)",
      },
      {
        term: '--controls <file>',
        zh: '控制数（xlsx/csv/json：单位代码、指标代码、数值、来源）',
        en: 'control totals (unit, indicator, value, source)',
      },
      {
        term: '--zone-report <file>',
        zh: '全区直报数（如科技进步贡献率），格式同控制数',
        en: "the zone's own figures for reported indicators",
      },
      { term: '--include-invalid', zh: '含错误的报表也参与汇总', en: 'include files with error findings' },
      {
        term: '--ledger <dir>',
        zh: '从台账汇总：各市最新已受理版本，上期与往期也取自台账',
        en: "from the ledger: each city's latest accepted revision, earlier periods too",
      },
      DATABASE,
      {
        term: '--final',
        zh: '定稿：全区须已审核并锁定，否则拒绝（退出码 1）；不加则报告标明草稿或已审核',
        en: 'final report: refused (exit 1) unless the zone is approved and locked; without it the stamp says draft or approved',
      },
      {
        term: '--out <dir>',
        zh: '写出 aggregate.json、report.xlsx、report.html（不能在输入目录之内；这些文件不会被当作报表读入）',
        en: 'write the reports into dir (not inside an input folder; these files are never read as submissions)',
      },
      FORCE,
      FORMAT,
      LANG,
    ],
  },
  index: {
    usage: 'sunan index <aggregate.json|矩阵.csv|矩阵.xlsx ...> [选项 options]',
    zh: '按熵值法（25 项指标、5 个维度；指标体系与方法出自以苏南自创区为例、对标中关村、东湖、张江、深圳四个自创区的研究论文，表1，所存文本未载作者、题名和年份）计算各单位的综合得分（0–100，为参与比较单位之间的相对分）、维度得分和排名；多期时给出名次变化。输入为 sunan aggregate 的结果（每年一个），或含单位列（单位）、可选报告期列（报告期）和各指标代码列的矩阵。',
    en: 'Entropy-weighted composite index (25 indicators in five dimensions, from a research paper benchmarking the Sunan zone against Zhongguancun, Donghu, Zhangjiang and Shenzhen, its Table 1; the stored text names no author, title or year): 0–100 scores relative to the units compared, dimension scores, ranks, and rank changes over periods. Inputs: results of "sunan aggregate" (one per year), or a matrix with a unit column (单位), an optional period column (报告期), and one column per indicator code.',
    options: [
      {
        term: '--definition <file.json>',
        zh: '自定义指数（与目录同样校验）',
        en: 'your own index definition (checked like a catalogue)',
      },
      {
        term: '--normalization <kind>',
        zh: 'min-max（默认）| min-max-epsilon | min-max-shift | proportion',
        en: 'normalisation (default min-max, as in the paper)',
      },
      { term: '--epsilon <ε>', zh: 'min-max-epsilon 的 ε（默认 0.0001）', en: 'ε of min-max-epsilon' },
      { term: '--delta <δ>', zh: 'min-max-shift 的平移量 δ（默认 0.0001）', en: 'shift δ of min-max-shift' },
      {
        term: '--zero-handling limit|replace',
        zh: 'p = 0 时：0·ln0 = 0（默认）或以 ε 代入',
        en: 'zero proportions: 0·ln0 = 0 (default) or replaced by ε',
      },
      {
        term: '--zero-epsilon <ε>',
        zh: 'replace 的代入值（默认 0.000001）',
        en: 'the value put in by replace',
      },
      {
        term: '--constant zero-weight|error',
        zh: '常数列：权重为 0（默认）或报错',
        en: 'constant column: weight 0 (default) or error',
      },
      {
        term: '--ledger <dir>',
        zh: '各年数据取自台账（各市已受理的最新版本）',
        en: "the years from the ledger (each city's latest accepted revision)",
      },
      {
        term: '--periods <年,年…>',
        zh: '与 --ledger 同用：只用这些年份（如 2020,2021,2022）；并说明各年是否已审核',
        en: 'with --ledger: only these years (e.g. 2020,2021,2022); says which are approved',
      },
      {
        term: '--database <url>',
        zh: '台账在 PostgreSQL 服务器上（或 SUNAN_DATABASE_URL）',
        en: "the ledger's PostgreSQL server (or SUNAN_DATABASE_URL)",
      },
      {
        term: '--base-year <year>',
        zh: '以该年权重计算各年得分',
        en: 'fix weights from this year (default: per year)',
      },
      {
        term: '--out <dir>',
        zh: '写出 index.json、index.xlsx、index.html',
        en: 'write the index reports into dir',
      },
      FORCE,
      FORMAT,
      LANG,
    ],
  },
  export: {
    usage:
      'sunan export <aggregate.json ...|报表目录 --period P> | --ledger <目录> [--period P ...] --out <目录> [选项 options]',
    zh: '把汇总结果写成统计机构和分析人员的工具可直接读取的格式：SDMX-CSV 2.0 数据（sdmx/data.csv）、SDMX-ML 3.0 结构消息（sdmx/structure.xml：数据流 SUNAN:DF_INNOV(1.0)、数据结构定义 SUNAN:DSD_INNOV(1.0)、地区、指标、单位代码表）、供网页图表用的 SDMX-JSON 2.0 数据（sdmx/data.json）和 Frictionless 数据包 v2（datapackage/）。数值为精确小数；状态 A 正常、P 初步（未审核或全区数不完整）、L 缺报。亿元按百万元发布（UNIT_MULT 6），因 SDMX CL_UNIT_MULT 1.0 没有 8。',
    en: 'Writes roll-ups in formats statistics offices and analysts load as they are: SDMX-CSV 2.0 data (sdmx/data.csv), an SDMX-ML 3.0 structure message (sdmx/structure.xml: dataflow SUNAN:DF_INNOV(1.0), DSD SUNAN:DSD_INNOV(1.0), area, indicator and unit codelists), SDMX-JSON 2.0 data for web charts (sdmx/data.json) and a Frictionless Data Package v2 (datapackage/). Exact decimals; status A normal, P provisional (not approved, or a partial zone figure), L not reported. 亿元 is published in millions of yuan (UNIT_MULT 6): SDMX CL_UNIT_MULT 1.0 has no code 8.',
    options: [
      {
        term: '--format <f>',
        zh: 'sdmx-csv | sdmx-structure | sdmx-json | datapackage（可重复；默认全部）',
        en: 'what to write (repeatable; default all four)',
      },
      { term: '--out <dir>', zh: '输出目录', en: 'output directory' },
      {
        term: '--period <P>',
        zh: '报告期（汇总报表目录时必需；台账时可重复，默认全部）',
        en: 'period (needed for a directory of submissions; with --ledger repeatable, default all)',
      },
      {
        term: '--ledger <dir>',
        zh: '取自台账：各市已受理的最新版本，已审核的为 A',
        en: "from the ledger: each city's latest accepted revision; approved figures are A",
      },
      DATABASE,
      {
        term: '--approved',
        zh: '文件中的数据已审核定稿（否则为 P 初步）',
        en: 'the figures of the files are approved (otherwise P, provisional)',
      },
      FORCE,
      LANG,
    ],
  },
  web: {
    usage: 'sunan web [--out <文件.html>]',
    zh: '写出填报单位使用的单个离线网页（sunan-web.html）：选城市和报告期下载模板，选择填好的报表在本机校验，查看按工作表分组的问题和“指标”表预览，下载标注副本和问题清单。无需安装，不联网，数据不离开本机（页面的内容安全策略禁止一切网络连接）。可通过邮件或内网分发，用 Chrome、Edge、360、QQ 浏览器或 Firefox 打开。',
    en: "Writes the offices' one-file offline page: download the template for a city and period, check a filled workbook on this computer, see findings by sheet and a grid of the 指标 sheet, download the annotated copy and the findings. Nothing to install, no network (its Content-Security-Policy forbids connections).",
    options: [
      {
        term: '--out <file>',
        zh: '输出文件（默认 sunan-web.html）',
        en: 'output file (default sunan-web.html)',
      },
      FORCE,
      LANG,
    ],
  },
  catalogue: {
    usage:
      'sunan catalogue [--format md|json] [--json-schema] | sunan catalogue --check [目录.json catalogue.json] [--format text|json]',
    zh: '输出指标目录（Markdown 表或 JSON），或填报文件的 JSON Schema。--check 检查规则集本身（不给文件则检查内置目录）：没有数值能满足的规则与界限（列出最小冲突集）、达不到的界限端点、被迫取值、从不生效的规则、冗余规则，以及每个指标的蕴含区间表。退出码：0 无冲突，1 有冲突或格式问题，2 文件无法读取。',
    en: 'Prints the indicator catalogue (Markdown or JSON), or the submission JSON Schema. --check checks the rule set itself (the built-in catalogue when no file is given): rules and bounds no values satisfy (with a minimal conflicting set), bound ends no value can reach, forced values, rules that never fire, redundant rules, and the implied bounds of every indicator. Exit 0 clean, 1 conflicts or problems, 2 unreadable file.',
    options: [
      { term: '--format md|json', zh: '目录格式（默认 md）', en: 'catalogue format (default md)' },
      { term: '--json-schema', zh: '输出填报 JSON Schema', en: 'print the submission JSON Schema' },
      {
        term: '--check [file]',
        zh: '检查规则集（--format text|json，默认 text）',
        en: 'check the rule set (--format text|json, default text)',
      },
      LANG,
    ],
  },
  intake: {
    usage:
      'sunan intake <文件|目录 files|dirs...> --ledger <目录> [--by 经办人] [--note 备注] [--in-order] [--force]',
    zh: '收件登记：每个文件原样保存（按 SHA-256 内容寻址），记录城市、报告期、收到时间、该市该期的版本号（按收到先后，不按文件名）、完整校验报告、经办人。同样的字节再次收到时识别为重复，不算新版本。文件名与内容的城市或报告期不符、城市不属于苏南自创区、文件损坏、为空或不是表格文件时，各有说明，文件原样保存为“未归属”。同一市同一期的多个新文件来自目录时拒绝登记，请逐个按收到先后列出，或用 --in-order。含错误的文件照收，标 ✗ 并列出前几条错误。已锁定的城市和报告期拒绝登记。有文件未登记或未归属时退出码 1。',
    en: 'Takes files into the ledger: stored byte for byte (content-addressed by SHA-256) with city, period, time received, a revision number per city and period (in the order received, never by name), the full validation report, and who brought it. The same bytes twice are a duplicate, not a revision. A file whose name and content disagree, from a city outside the zone, damaged, empty or not a spreadsheet gets its own message and is kept as unassigned. Several new files for one city and period from a folder are refused: name them one by one in the order received, or give --in-order. A file with errors is taken in, marked ✗ with its first findings. A locked city and period refuses intake. Exit 1 when a file is refused or unassigned.',
    options: [
      ...LEDGER_COMMON,
      { term: '--note <text>', zh: '备注', en: 'note' },
      {
        term: '--in-order',
        zh: '命令行顺序即收到顺序（目录内按修改时间先后）',
        en: 'the command line order is the order received (in a folder: by modification time)',
      },
      {
        term: '--force',
        zh: '文件名与内容不符时以内容为准登记（记录在案）',
        en: 'take a file whose name disagrees with its content by its content (recorded)',
      },
      FORMAT,
      LANG,
    ],
  },
  status: {
    usage: 'sunan status --period <报告期> --ledger <目录> [--format text|json]',
    zh: '报告期 × 城市状态表：未报送 / 已收到（第 n 版，错误、警告）/ 已受理 / 已退回 / 已审核 / 已锁定，附时间和经办人；并列出未归属文件。',
    en: 'The period × city matrix: not received / received (revision n, errors, warnings) / accepted / rejected / approved / locked, with times and who; and the unassigned files.',
    options: [
      { term: '--period <id>', zh: '报告期（必填）', en: 'period (required)' },
      ...LEDGER_COMMON,
      FORMAT,
      LANG,
    ],
  },
  accept: decisionHelp(
    'accept',
    '受理某市某期的一个版本（默认最新版，并说明是哪一版；较早版本错误更少时提示）。含错误的版本拒绝受理，除非 --force --reason',
    'Accepts a revision of a city and period (default the latest, named; a note when an earlier one has fewer errors). A revision with errors is refused unless --force --reason',
  ),
  reject: decisionHelp(
    'reject',
    '退回某版本；需要 --reason。退回已受理（或已审核）的版本即撤销该受理和审核（及全区审核），汇总不再使用',
    'Rejects a revision; needs --reason. Rejecting the accepted (or approved) revision withdraws that acceptance and approval (and the zone’s); the roll-up stops using it',
  ),
  approve: decisionHelp(
    'approve',
    '审核：城市须先受理；全区（--city SUNAN）须五市均已审核（逐级向上，同 DHIS2）',
    'Approves a city (after acceptance), or the zone (--city SUNAN) once every city is approved (upward, as in DHIS2)',
  ),
  unapprove: decisionHelp(
    'unapprove',
    '撤销审核：城市的审核（全区审核随之撤销），或全区的审核（--city SUNAN）',
    "Withdraws an approval: a city's (the zone's goes with it), or the zone's (--city SUNAN)",
  ),
  lock: decisionHelp(
    'lock',
    '锁定某市某期（不给 --city 则锁定全区该期）：拒绝登记和变更。全区锁定下重新开放的城市，lock --city 重新锁定',
    'Locks a city and period (no --city: the whole period): intake and changes are refused. A city reopened under the zone lock is relocked with lock --city',
  ),
  unlock: decisionHelp(
    'unlock',
    '解锁；需要 --reason，原因被记录。全区锁定时 unlock --city 单独重新开放该市',
    'Unlocks; needs --reason, which is recorded. Under a zone lock, unlock --city reopens that city alone',
  ),
  show: {
    usage:
      'sunan show --city <代码|名称> --period <报告期> [--revision n] --ledger <目录> [--format text|json]',
    zh: '列出某市某期某版本（默认最新版）入库时保存的校验结果：文件名、收到时间、经办人和全部问题。',
    en: 'Prints the findings stored at intake for a revision (default the latest) of a city and period: file name, time received, who, and every finding.',
    options: [
      { term: '--city <code|name>', zh: '城市', en: 'city' },
      { term: '--period <id>', zh: '报告期', en: 'period' },
      { term: '--revision <n>', zh: '版本（默认最新）', en: 'revision (default latest)' },
      { term: '--verbose', zh: '也列出提示', en: 'also list info findings' },
      LEDGER,
      DATABASE,
      WAIT,
      FORMAT,
      LANG,
    ],
  },
  quality: {
    usage:
      'sunan quality --ledger <目录> --period <报告期> [--out <目录>] [--indicator RD_INTENSITY] [--force] [--format text|json]',
    zh: '数据质量报告：读台账的全部历史，写出 quality.html（手机可读、可按 A4 打印）、quality.xlsx 和 quality.json（JSON Schema 见 @sunan/quality/quality.schema.json）：各市两版之间的改动、修订（首次与最新受理、平均修订与平均绝对修订、修订三角、全区按版本重算）、报送及时性（报送截止日期、逾期、按时率）和完整性（R1、企业名单）。',
    en: "The quality report from the ledger's history: quality.html (phone and A4), quality.xlsx and quality.json — changes between revisions, revisions (ESS A6 means, a triangle, the zone recomputed per vintage), punctuality against the deadline (overdue, on-time rate) and completeness (ESS R1, the enterprise list).",
    options: [
      { term: '--period <id>', zh: '报告期（必填）', en: 'period (required)' },
      {
        term: '--out <dir>',
        zh: '写出三个文件的目录（默认当前目录）',
        en: 'folder for the three files (default .)',
      },
      {
        term: '--indicator <code>',
        zh: '修订三角的指标（默认 RD_INTENSITY）',
        en: 'indicator of the revision triangle (default RD_INTENSITY)',
      },
      FORCE,
      ...LEDGER_COMMON,
      FORMAT,
      LANG,
    ],
  },
  ledger: {
    usage:
      'sunan ledger log [--city 城市] [--period 报告期] | get --city --period [--revision n] | --event n --out <目录> | verify [--expect-head 哈希] | export <文件> [--force] | import <文件>',
    zh: 'log 列出每条事件：时间（北京时间）、经办人、操作、城市报告期版本、原因；get 把某版本的原件按原文件名写到 --out 目录（已存在则需 --force）；verify 重新计算每个存储文件和校验报告的 SHA-256，检查事件链，逐条写明城市、报告期和版本，并打印链头哈希，--expect-head 核对发布过的链头（不在链中即退出码 1）；export 写出可移植的归档（已存在的文件需 --force；有文件缺失或被改动则拒绝，退出码 1）；import 把归档读入一个空台账（先校验哈希链和文件）。',
    en: "log lists every event: time (Beijing), who, what, city/period/revision, why; get writes a revision's original bytes under its original name into --out (an existing file needs --force); verify re-hashes every stored file and report, checks the chain, names city, period and revision for each problem and prints the head hash — --expect-head checks a published head (exit 1 when it is not in the chain); export writes a portable archive (an existing file needs --force; refused with exit 1 when a file is missing or altered); import reads an archive into an empty ledger (chain and files checked first).",
    options: [
      { term: '--city <code|name>', zh: '城市（log、get）', en: 'city (log, get)' },
      { term: '--period <id>', zh: '报告期（log、get）', en: 'period (log, get)' },
      { term: '--revision <n>', zh: '版本（get；默认最新）', en: 'revision (get; default latest)' },
      {
        term: '--event <n>',
        zh: '按事件号取文件（get；含未归属、拒收的文件）',
        en: "an event's file (get; unassigned and refused files too)",
      },
      {
        term: '--out <dir>',
        zh: '写出原件的目录（get；默认当前目录）',
        en: 'folder for the original (get; default .)',
      },
      {
        term: '--expect-head <hash>',
        zh: '发布过的链头哈希（verify）',
        en: 'a published head hash (verify)',
      },
      {
        term: '--force',
        zh: '覆盖已有的输出文件（export、get）',
        en: 'overwrite an existing output (export, get)',
      },
      ...LEDGER_COMMON,
      FORMAT,
      LANG,
    ],
  },
};

const MAIN = `sunan — 苏南自创区跨市统计填报、校验与汇总 / Sunan zone inter-city statistical reporting

用法 Usage: sunan <命令 command> [选项 options]

命令 Commands:
${table(COMMAND_ROWS)}

每个命令都有 --help。Every command has --help.
  --version, -v    版本 version
退出码 Exit codes: 0 无错误 no errors (warnings allowed) · 1 有错误 error findings · 2 用法错误或无法读取 bad usage or unreadable input
`;

/** Help for each command (and `main` for the command itself), rendered for the terminal. */
export const HELP: Readonly<Record<string, string>> = {
  main: MAIN,
  ...Object.fromEntries(Object.entries(COMMAND_HELP).map(([name, h]) => [name, renderCommandHelp(h)])),
};

/** The option names a command documents (for "did you mean"). */
export function optionsOf(command: string): string[] {
  return (COMMAND_HELP[command]?.options ?? [])
    .map((o) => /^--[a-z][a-z-]*/.exec(o.term)?.[0])
    .filter((o): o is string => o !== undefined)
    .concat('--help');
}
