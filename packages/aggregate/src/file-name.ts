import { type Catalogue, findOrgUnit, type LocalizedText } from '@sunan/schema';

/**
 * Jiangsu's prefecture-level cities (GB/T 2260): a file from a city outside the zone is named as
 * such rather than as an unknown code, and never placed by the park rows it may have copied.
 */
export const JIANGSU_CITIES: ReadonlyArray<{
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}> = [
  { code: '320100', zh: '南京市', en: 'Nanjing' },
  { code: '320200', zh: '无锡市', en: 'Wuxi' },
  { code: '320300', zh: '徐州市', en: 'Xuzhou' },
  { code: '320400', zh: '常州市', en: 'Changzhou' },
  { code: '320500', zh: '苏州市', en: 'Suzhou' },
  { code: '320600', zh: '南通市', en: 'Nantong' },
  { code: '320700', zh: '连云港市', en: 'Lianyungang' },
  { code: '320800', zh: '淮安市', en: "Huai'an" },
  { code: '320900', zh: '盐城市', en: 'Yancheng' },
  { code: '321000', zh: '扬州市', en: 'Yangzhou' },
  { code: '321100', zh: '镇江市', en: 'Zhenjiang' },
  { code: '321200', zh: '泰州市', en: 'Taizhou' },
  { code: '321300', zh: '宿迁市', en: 'Suqian' },
];

/** What a file's name says about whose and for when it is (each undefined when it says nothing or is ambiguous). */
export interface NamedPlace {
  /** A city code. */
  readonly city: string | undefined;
  /** `2022` or `2022Q3`; a year alone agrees with any period of that year. */
  readonly period: string | undefined;
}

function cityNames(catalogue: Catalogue): Array<{ code: string; keys: string[] }> {
  const out = new Map<string, Set<string>>();
  const add = (code: string, key: string) => {
    if (key.trim().length < 2) return;
    const set = out.get(code) ?? new Set<string>();
    set.add(key.toLowerCase());
    out.set(code, set);
  };
  for (const c of JIANGSU_CITIES) {
    add(c.code, c.zh);
    add(c.code, c.zh.replace(/市$/, ''));
    add(c.code, c.en);
  }
  for (const u of catalogue.orgUnits.filter((o) => o.level === 'city')) {
    add(u.code, u.name.zh);
    add(u.code, u.name.zh.replace(/市$/, ''));
    add(u.code, u.name.en);
  }
  return [...out].map(([code, keys]) => ({ code, keys: [...keys] }));
}

/**
 * The city and period a file name gives, e.g. `321100-镇江市-2022-更正.xlsx` → 321100, 2022. A name
 * that gives two different cities or years says nothing about that part. `第1版` is a revision,
 * not a quarter; quarters are written `2022Q3` or `2022年第3季度`.
 */
export function placeInName(fileName: string, catalogue: Catalogue): NamedPlace {
  const stem = fileName.replace(/\.[A-Za-z0-9]+$/, '');
  const lower = stem.toLowerCase();
  const cities = new Set<string>();
  for (const m of stem.matchAll(/(?<!\d)(3\d{5})(?!\d)/g)) {
    const code = m[1] as string;
    if (JIANGSU_CITIES.some((c) => c.code === code) || catalogue.orgUnits.some((u) => u.code === code))
      cities.add(code);
  }
  for (const { code, keys } of cityNames(catalogue))
    if (
      keys.some((k) =>
        /^[a-z']+$/.test(k) ? new RegExp(`(^|[^a-z])${k}([^a-z]|$)`).test(lower) : lower.includes(k),
      )
    )
      cities.add(code);
  const periods = new Set<string>();
  for (const m of stem.matchAll(/(?<!\d)((?:19|20)\d{2})\s*[-_ 年]?\s*(?:[Qq]([1-4])|第([1-4])季度)(?!\d)/g))
    periods.add(`${m[1]}Q${m[2] ?? m[3]}`);
  const years = new Set([...stem.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].map((m) => m[1] as string));
  const period =
    periods.size === 1 ? [...periods][0] : periods.size === 0 && years.size === 1 ? [...years][0] : undefined;
  return { city: cities.size === 1 ? [...cities][0] : undefined, period };
}

/** How a file's name disagrees with its content, if it does. */
export function nameMismatch(
  named: NamedPlace,
  city: string,
  period: string,
  catalogue: Catalogue,
): LocalizedText | undefined {
  const nameOf = (code: string) =>
    findOrgUnit(catalogue, code)?.name ??
    JIANGSU_CITIES.find((c) => c.code === code) ?? { zh: code, en: code };
  const parts: LocalizedText[] = [];
  if (named.city !== undefined && named.city !== city)
    parts.push({
      zh: `文件名是${nameOf(named.city).zh}，内容是${nameOf(city).zh}（${city}）`,
      en: `the name says ${nameOf(named.city).en}, the content ${nameOf(city).en} (${city})`,
    });
  const yearOnly = named.period !== undefined && !named.period.includes('Q');
  if (named.period !== undefined && (yearOnly ? !period.startsWith(named.period) : named.period !== period))
    parts.push({
      zh: `文件名写的是 ${named.period}，内容是 ${period}`,
      en: `the name says ${named.period}, the content ${period}`,
    });
  if (parts.length === 0) return undefined;
  return {
    zh: `文件名与内容不符：${parts.map((x) => x.zh).join('；')}`,
    en: `The file name and the content disagree: ${parts.map((x) => x.en).join('; ')}`,
  };
}
