/** Help for each command, Chinese first, English beside it. */
export const HELP: Record<string, string> = {
  main: `sunan — 苏南自创区跨市统计填报、校验与汇总 / Sunan zone inter-city statistical reporting

用法 Usage: sunan <命令 command> [选项 options]

命令 Commands:
  template    生成城市填报模板            write a city's fillable template
  validate    校验城市报表（一次列出全部问题） validate submissions (every problem at once)
  aggregate   全区汇总、核对、目标进度与报告  roll up the zone, reconcile, targets, reports
  index       熵值法创新指数：权重、得分、排名  entropy-weighted innovation index: weights, scores, ranks
  catalogue   指标目录或填报 JSON Schema   the indicator catalogue or the submission JSON Schema

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

全区汇总：校验各市报表，按规则合计到全区，核对控制数，跨市查重，同比与异常值，目标进度，写出 JSON、Excel 和 HTML 报告。
Rolls the cities up to the zone: validates each file, aggregates by each indicator's rule, reconciles control totals,
checks across cities, growth and outliers, target progress; writes JSON, xlsx and HTML reports.

  --period <id>           报告期（必填）period (required)
  --previous <dir|file>   上期报表 previous period's files (growth; cumulative targets)
  --history <dir|file>    更早各期报表，可多次给出 earlier periods' files, repeatable (cumulative targets)
  --controls <file>       控制数（xlsx/csv/json：单位代码、指标代码、数值、来源） control totals
  --zone-report <file>    全区直报数（如科技进步贡献率），格式同控制数 zone's own figures for reported indicators
  --include-invalid       含错误的报表也参与汇总 include files with error findings
  --out <dir>             写出 aggregate.json、report.xlsx、report.html write the reports into dir
  --format text|json      输出格式 output format (default text)
  --lang zh|en            语言 language (default zh)
`,
  index: `sunan index <aggregate.json|矩阵.csv|矩阵.xlsx ...> [选项 options]

按熵值法计算各单位的综合得分（0–100，为参与比较单位之间的相对分）、维度得分和排名；多期时给出名次变化。
指标体系（25 项指标、5 个维度）与方法出自苏南自创区对标中关村、东湖、张江、深圳四个自创区的研究论文（表1；所存文本未载作者、题名和年份）。
Entropy-weighted composite index (the 25 indicators in five dimensions of a research paper benchmarking the Sunan
zone against four other national zones, its Table 1): relative 0–100 scores among the units compared, dimension scores,
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
};
