import type { LocalizedText, UnitCode } from '@sunan/schema';

/** One code of a codelist: its id and names. */
export interface CodeEntry {
  readonly id: string;
  readonly name: LocalizedText;
}

/** A codelist maintained by SDMX itself, copied into the structure message so it is self-contained. */
export interface StandardCodelist {
  readonly id: string;
  readonly agency: 'SDMX';
  readonly version: string;
  readonly name: LocalizedText;
  readonly codes: readonly CodeEntry[];
}

const en = (zh: string, text: string): LocalizedText => ({ zh, en: text });

// The codes and English names of the SDMX global codelists in these versions, as an export of the
// SDMX global registry lists them (the copies in the sdmx1 test data agree). CL_UNIT_MULT 1.0 has no
// code 8 (hundreds of millions), so 亿元 is published in millions; see the README.
/** Frequency. */
export const CL_FREQ: StandardCodelist = {
  id: 'CL_FREQ',
  agency: 'SDMX',
  version: '2.0',
  name: en('频率', 'Frequency'),
  codes: [
    { id: 'A', name: en('年', 'Annual') },
    { id: 'S', name: en('半年', 'Half-yearly, semester') },
    { id: 'Q', name: en('季', 'Quarterly') },
    { id: 'M', name: en('月', 'Monthly') },
    { id: 'W', name: en('周', 'Weekly') },
    { id: 'D', name: en('日', 'Daily') },
    { id: 'H', name: en('小时', 'Hourly') },
    { id: 'B', name: en('工作日', 'Daily – businessweek') },
    { id: 'N', name: en('分钟', 'Minutely') },
  ],
};

/** Observation status. */
export const CL_OBS_STATUS: StandardCodelist = {
  id: 'CL_OBS_STATUS',
  agency: 'SDMX',
  version: '2.0',
  name: en('观测值状态', 'Observation status'),
  codes: [
    { id: 'A', name: en('正常值', 'Normal value') },
    { id: 'B', name: en('时间序列断点', 'Time series break') },
    { id: 'D', name: en('定义不同', 'Definition differs') },
    { id: 'E', name: en('估计值', 'Estimated value') },
    { id: 'F', name: en('预测值', 'Forecast value') },
    { id: 'G', name: en('试验值', 'Experimental value') },
    { id: 'I', name: en('插补值', 'Imputed value (CCSA definition)') },
    { id: 'O', name: en('缺失值', 'Missing value') },
    { id: 'M', name: en('缺失值：数据不可能存在', 'Missing value; data cannot exist') },
    { id: 'P', name: en('初步值', 'Provisional value') },
    { id: 'S', name: en('罢工等特殊事件', 'Strike and other special events') },
    { id: 'L', name: en('缺失值：数据存在但未采集', 'Missing value; data exist but were not collected') },
    { id: 'H', name: en('缺失值：节假日', 'Missing value; holiday or weekend') },
    { id: 'Q', name: en('缺失值：已隐去', 'Missing value; suppressed') },
    { id: 'J', name: en('豁免', 'Derogation') },
    { id: 'N', name: en('不显著', 'Not significant') },
    { id: 'U', name: en('可靠性低', 'Low reliability') },
    { id: 'V', name: en('未经核实', 'Unvalidated value') },
  ],
};

/** Confidentiality status. */
export const CL_CONF_STATUS: StandardCodelist = {
  id: 'CL_CONF_STATUS',
  agency: 'SDMX',
  version: '1.0',
  name: en('保密状态', 'Confidentiality status'),
  codes: [
    { id: 'F', name: en('公开', 'Free') },
    { id: 'N', name: en('不公开，仅内部使用', 'Not for publication, restricted for internal use only') },
    { id: 'C', name: en('保密统计信息', 'Confidential statistical information') },
    {
      id: 'D',
      name: en('报送方设定的二次保密', 'Secondary confidentiality set by the sender, not for publication'),
    },
    {
      id: 'S',
      name: en(
        '接收方设定的二次保密',
        'Secondary confidentiality set and managed by the receiver, not for publication',
      ),
    },
  ],
};

/** Unit multiplier (powers of ten). Version 1.0: 0–4, 6, 9, 12, 15 — no 5, 7 or 8. */
export const CL_UNIT_MULT: StandardCodelist = {
  id: 'CL_UNIT_MULT',
  agency: 'SDMX',
  version: '1.0',
  name: en('单位乘数', 'Unit multiplier'),
  codes: [
    { id: '0', name: en('个', 'Units') },
    { id: '1', name: en('十', 'Tens') },
    { id: '2', name: en('百', 'Hundreds') },
    { id: '3', name: en('千', 'Thousands') },
    { id: '4', name: en('万', 'Tens of thousands') },
    { id: '6', name: en('百万', 'Millions') },
    { id: '9', name: en('十亿', 'Billions') },
    { id: '12', name: en('万亿', 'Trillions') },
    { id: '15', name: en('千万亿', 'Quadrillions') },
  ],
};

const DECIMAL_NAMES = [
  'Zero',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
];

/** Decimals (0–15). */
export const CL_DECIMALS: StandardCodelist = {
  id: 'CL_DECIMALS',
  agency: 'SDMX',
  version: '1.0',
  name: en('小数位数', 'Decimals'),
  codes: DECIMAL_NAMES.map((name, i) => ({ id: String(i), name: en(`${i} 位`, name) })),
};

/** The standard codelists the structure message carries, in the order it lists them. */
export const STANDARD_CODELISTS: readonly StandardCodelist[] = [
  CL_FREQ,
  CL_OBS_STATUS,
  CL_CONF_STATUS,
  CL_UNIT_MULT,
  CL_DECIMALS,
];

/**
 * How a catalogue unit is published in SDMX: the unit-of-measure code, the unit multiplier (a code
 * of {@link CL_UNIT_MULT}), and how many places the decimal point moves to reach that multiplier.
 */
export interface SdmxUnit {
  readonly code: string;
  readonly name: LocalizedText;
  readonly unitMult: '0' | '4' | '6';
  /** The value in the catalogue unit times 10^shift is the published OBS_VALUE. */
  readonly shift: number;
}

const CNY = en('元（人民币）', 'Yuan renminbi');
const PS = en('人', 'Persons');

/** Every catalogue unit's SDMX form. 亿元 (10⁸ yuan) is published as millions of yuan (×100). */
export const SDMX_UNITS: Readonly<Record<UnitCode, SdmxUnit>> = {
  元: { code: 'CNY', name: CNY, unitMult: '0', shift: 0 },
  万元: { code: 'CNY', name: CNY, unitMult: '4', shift: 0 },
  亿元: { code: 'CNY', name: CNY, unitMult: '6', shift: 2 },
  人: { code: 'PS', name: PS, unitMult: '0', shift: 0 },
  万人: { code: 'PS', name: PS, unitMult: '4', shift: 0 },
  人年: { code: 'PY', name: en('人年', 'Person-years'), unitMult: '0', shift: 0 },
  个: { code: 'NUM_ITEM', name: en('个', 'Items (个)'), unitMult: '0', shift: 0 },
  家: { code: 'NUM_ENTITY', name: en('家', 'Enterprises or institutions (家)'), unitMult: '0', shift: 0 },
  项: { code: 'NUM_PROJECT', name: en('项', 'Projects or results (项)'), unitMult: '0', shift: 0 },
  件: { code: 'NUM_PIECE', name: en('件', 'Pieces, e.g. patents (件)'), unitMult: '0', shift: 0 },
  '%': { code: 'PT', name: en('百分比', 'Percent'), unitMult: '0', shift: 0 },
  '件/万人': {
    code: 'NUM_PIECE_PER_10K_PS',
    name: en('件/万人', 'Pieces per 10,000 persons'),
    unitMult: '0',
    shift: 0,
  },
  '人年/万人': {
    code: 'PY_PER_10K_PS',
    name: en('人年/万人', 'Person-years per 10,000 persons'),
    unitMult: '0',
    shift: 0,
  },
  '万元/人': { code: 'CNY_PER_PS', name: en('元/人', 'Yuan per person'), unitMult: '4', shift: 0 },
  平方公里: { code: 'KM2', name: en('平方公里', 'Square kilometres'), unitMult: '0', shift: 0 },
  '万元/平方公里': {
    code: 'CNY_PER_KM2',
    name: en('元/平方公里', 'Yuan per square kilometre'),
    unitMult: '4',
    shift: 0,
  },
};

/** The SDMX form of a unit, or undefined for a unit this project does not know. */
export function sdmxUnit(unit: string): SdmxUnit | undefined {
  return Object.hasOwn(SDMX_UNITS, unit) ? SDMX_UNITS[unit as UnitCode] : undefined;
}
