/** Help for each command, Chinese first, English beside it. */
/** Options every ledger command shares. */
const LEDGER_COMMON = `  --ledger <dir>        台账目录（或 SUNAN_LEDGER）ledger directory (or SUNAN_LEDGER)
  --database <url>      PostgreSQL 服务器（或 SUNAN_DATABASE_URL；默认内嵌 PGlite）server (default: embedded PGlite)
  --by <name>           经办人（默认登录名）who (default: login name)
  --format text|json    输出格式 output format
  --lang zh|en          语言 language
`;

export const HELP: Record<string, string> = {
  main: `sunan — 苏南自创区跨市统计填报、校验与汇总 / Sunan zone inter-city statistical reporting

用法 Usage: sunan <命令 command> [选项 options]

命令 Commands:
  template    生成城市填报模板            write a city's fillable template
  validate    校验城市报表（一次列出全部问题） validate submissions (every problem at once)
  aggregate   全区汇总、核对、目标进度与报告  roll up the zone, reconcile, targets, reports
  index       熵值法创新指数：权重、得分、排名  entropy-weighted innovation index: weights, scores, ranks
  catalogue   指标目录或填报 JSON Schema   the indicator catalogue or the submission JSON Schema
  intake      收件登记（原样保存、版本号、校验报告） take files into the ledger (stored as received, revisions)
  status      报告期 × 城市 收件状态表      the period × city intake matrix
  accept | reject | approve | lock | unlock   受理、退回、审核（逐级向上）、锁定、解锁 decisions
  ledger      台账校验、导出、导入          verify | export | import the ledger

每个命令都有 --help。Every command has --help.
退出码 Exit codes: 0 无错误 no errors (warnings allowed) · 1 有错误 error findings · 2 用法错误或无法读取 bad usage or unreadable input
`,
  template: `sunan template --city <代码|名称> --period <报告期> [--out <文件.xlsx>]

生成某市某期的可填报模板（.xlsx）。城市可写 320500、苏州 或 suzhou；报告期写 2022 或 2022Q3。
Writes the fillable .xlsx template for a city and period. City: 320500, 苏州 or suzhou; period: 2022 or 2022Q3.

  --city <code|name>    城市 city
  --period <id>         报告期 period
  --out <file>          输出文件（默认：<代码>-<城市>-<报告期>.xlsx）output file (default: <code>-<city>-<period>.xlsx)
  --lang zh|en          输出语言 language of messages (default zh)
`,
  validate: `sunan validate <文件 file...> [选项 options]

校验城市报表（xlsx、xls、ods、csv、json），一次列出全部问题，具体到工作表和单元格。原文件不会被修改。
Validates submissions (xlsx, xls, ods, csv, json): every problem at once, with sheet and cell. Inputs are never modified.

  --expect-city <code|name>   预期城市；文件城市不同即为错误 expected city
  --expect-period <id>        预期报告期 expected period
  --previous <file|dir>       上期报表（文件，或按城市匹配的目录），用于同比核对 previous period, for year-on-year checks
  --format text|json          输出格式 output format (default text)
  --lang zh|en                语言 language (default zh)
  --annotate <dir>            在该目录写出标注问题的副本（新文件） write annotated copies (new files) into dir
  --verbose                   同时列出提示信息 also list info findings
`,
  aggregate: `sunan aggregate <目录|文件 dir|files...> --period <报告期> [选项 options]
       sunan aggregate --ledger <台账目录> --period <报告期> [选项 options]

全区汇总：校验各市报表，按规则合计到全区，核对控制数，跨市查重，同比与异常值，目标进度，写出 JSON、Excel 和 HTML 报告。
Rolls the cities up to the zone: validates each file, aggregates by each indicator's rule, reconciles control totals,
checks across cities, growth and outliers, target progress; writes JSON, xlsx and HTML reports.

  --period <id>           报告期（必填）period (required)
  --previous <dir|file>   上期报表 previous period's files (growth; cumulative targets)
  --history <dir|file>    更早各期报表，可多次给出 earlier periods' files, repeatable (cumulative targets)
  --controls <file>       控制数（xlsx/csv/json：单位代码、指标代码、数值、来源） control totals
  --zone-report <file>    全区直报数（如科技进步贡献率），格式同控制数 zone's own figures for reported indicators
  --include-invalid       含错误的报表也参与汇总 include files with error findings
  --ledger <dir>          从台账汇总：各市最新已受理版本，上期与往期也取自台账（不重新读取报表）
                          aggregate from the ledger: each city's latest accepted revision; previous and earlier periods too
  --database <url>        台账在 PostgreSQL 服务器上（或 SUNAN_DATABASE_URL）the ledger's PostgreSQL server
  --out <dir>             写出 aggregate.json、report.xlsx、report.html write the reports into dir
  --format text|json      输出格式 output format (default text)
  --lang zh|en            语言 language (default zh)
`,
  index: `sunan index <aggregate.json|矩阵.csv|矩阵.xlsx ...> [选项 options]

按熵值法（seed 004 的 25 项指标、5 个维度）计算各单位的综合得分（0–100）、维度得分和排名；多期时给出名次变化。
Entropy-weighted composite index (seed 004's 25 indicators in five dimensions): 0–100 scores, dimension scores,
ranks, and rank changes over periods. Inputs: results of "sunan aggregate" (one per year), or a matrix with a
unit column (单位), an optional period column (报告期), and one column per indicator code.

  --definition <file.json>   自定义指数（与目录同样校验） your own index definition (checked like a catalogue)
  --normalization <kind>     min-max（默认，论文方法）| min-max-epsilon | min-max-shift | proportion
  --epsilon <ε>              min-max-epsilon 的 ε（默认 0.0001）
  --delta <δ>                min-max-shift 的平移量 δ（默认 0.0001）
  --zero-handling limit|replace  p = 0 时：0·ln0 = 0（默认）或以 ε 代入 zero proportions: 0·ln0 = 0 (default) or replaced by ε
  --zero-epsilon <ε>         replace 的代入值（默认 0.000001）
  --constant zero-weight|error  常数列：权重为 0（默认）或报错 constant column: weight 0 (default) or error
  --base-year <year>         以该年权重计算各年得分 fix weights from this year (default: per year)
  --out <dir>                写出 index.json、index.xlsx、index.html
  --format text|json         输出格式 output format
  --lang zh|en               语言 language
`,
  catalogue: `sunan catalogue [--format md|json] [--json-schema]

输出指标目录（Markdown 表或 JSON），或填报文件的 JSON Schema。
Prints the indicator catalogue (Markdown or JSON), or the submission JSON Schema.

  --format md|json   目录格式 catalogue format (default md)
  --json-schema      输出填报 JSON Schema print the submission JSON Schema
`,
  intake: `sunan intake <文件|目录 files|dirs...> --ledger <目录> [--by 经办人] [--note 备注]

收件登记：每个文件原样保存（按 SHA-256 内容寻址），记录城市、报告期、收到时间、该市该期的版本号、完整校验报告、经办人。
同样的字节再次收到时识别为重复，不算新版本；无法确定城市或报告期的文件也保存，列为“未归属”。已锁定的城市和报告期拒绝登记。
Takes files into the ledger: stored byte for byte (content-addressed by SHA-256) with city, period, time received,
a revision number per city and period, the full validation report, and who brought it. The same bytes twice are a
duplicate, not a revision; a file whose city or period cannot be read is kept as unassigned; a locked city and period
refuses intake. Exit 1 when a file is refused.

  --ledger <dir>        台账目录（或 SUNAN_LEDGER）ledger directory (or SUNAN_LEDGER)
  --database <url>      PostgreSQL 服务器（或 SUNAN_DATABASE_URL；默认内嵌 PGlite）server (default: embedded PGlite)
  --by <name>           经办人（默认登录名）who (default: login name)
  --format text|json    输出格式 output format
  --lang zh|en          语言 language
  --note <text>         备注 note
`,
  status: `sunan status --period <报告期> --ledger <目录> [--format text|json]

报告期 × 城市状态表：未报送 / 已收到（第 n 版，错误、警告）/ 已受理 / 已退回 / 已审核 / 已锁定，附时间和经办人；并列出未归属文件。
The period × city matrix: not received / received (revision n, errors, warnings) / accepted / rejected / approved /
locked, with times and who; and the unassigned files.

  --period <id>         报告期（必填）period (required)
  --ledger <dir>        台账目录（或 SUNAN_LEDGER）ledger directory (or SUNAN_LEDGER)
  --database <url>      PostgreSQL 服务器（或 SUNAN_DATABASE_URL；默认内嵌 PGlite）server (default: embedded PGlite)
  --by <name>           经办人（默认登录名）who (default: login name)
  --format text|json    输出格式 output format
  --lang zh|en          语言 language
`,
  accept: decisionHelp(
    'accept',
    '受理某市某期的一个版本（默认最新版）',
    'Accepts a revision (default the latest) of a city and period',
  ),
  reject: decisionHelp('reject', '退回某版本；需要 --reason', 'Rejects a revision; needs --reason'),
  approve: decisionHelp(
    'approve',
    '审核：城市须先受理；全区（--city SUNAN）须五市均已审核（逐级向上，同 DHIS2）',
    'Approves a city (after acceptance), or the zone (--city SUNAN) once every city is approved (upward, as in DHIS2)',
  ),
  lock: decisionHelp(
    'lock',
    '锁定某市某期（不给 --city 则锁定全区该期）：拒绝登记和变更',
    'Locks a city and period (no --city: the whole period): intake and changes are refused',
  ),
  unlock: decisionHelp(
    'unlock',
    '解锁；需要 --reason，原因被记录',
    'Unlocks; needs --reason, which is recorded',
  ),
  ledger: `sunan ledger verify | export <文件> | import <文件> --ledger <目录>

verify  重新计算每个存储文件和校验报告的 SHA-256，检查每个事件都带有前一事件的哈希（防篡改）
        re-hashes every stored file and report, and checks each event carries the hash of the one before
export  写出可移植的归档（文件 + 事件，JSON lines）writes a portable archive (files + events as JSON lines)
import  把归档读入一个空台账（先校验哈希链）reads an archive into an empty ledger (the chain checked first)

  --ledger <dir>        台账目录（或 SUNAN_LEDGER）ledger directory (or SUNAN_LEDGER)
  --database <url>      PostgreSQL 服务器（或 SUNAN_DATABASE_URL；默认内嵌 PGlite）server (default: embedded PGlite)
  --by <name>           经办人（默认登录名）who (default: login name)
  --format text|json    输出格式 output format
  --lang zh|en          语言 language
`,
};

function decisionHelp(verb: string, zh: string, en: string): string {
  return `sunan ${verb} --city <代码|名称> --period <报告期> --ledger <目录> [--revision n] [--by 经办人] [--reason 原因]

${zh}。每次操作都是一条新事件，不修改任何已有记录。
${en}. Each is a new event; nothing is changed in place.

  --city <code|name>    城市；SUNAN 表示全区 city; SUNAN for the zone
  --period <id>         报告期 period
  --revision <n>        版本（accept/reject；默认最新）revision (accept/reject; default latest)
  --reason <text>       原因（reject、unlock 必填）reason (required for reject and unlock)
${LEDGER_COMMON}`;
}
