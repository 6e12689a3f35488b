import type { Bilingual } from './diff.js';
import type { QualityReport } from './quality-report.js';

/** The period's quality in one line each language (for the terminal and the demo). */
export function qualitySummary(q: QualityReport): Bilingual {
  const z = q.completeness.zone;
  const due = q.onTime.reduce((s, r) => s + r.due, 0);
  const onTime = q.onTime.reduce((s, r) => s + r.onTime, 0);
  const overdue = q.punctuality.filter((p) => p.overdue && p.period === q.period).length;
  const revised = q.zoneRevisions.filter((r) => r.revision !== null && r.revision !== '0').length;
  const changes = q.diffs.reduce((s, d) => s + d.changes, 0);
  const r1 = z.r1 === null ? '—' : `${z.r1}%`;
  return {
    zh: `数据质量 ${q.period}：全区完整率 R1 ${r1}（${z.provided}/${z.required}，空缺有说明 ${z.withReason}）；按时报送 ${onTime}/${due}；本期逾期 ${overdue} 市；版本改动 ${changes} 项（${q.diffs.length} 市）；全区修订的指标期 ${revised} 个；已修正问题 ${q.findings.fixed}、新问题 ${q.findings.new}`,
    en: `Quality ${q.period}: zone R1 ${r1} (${z.provided}/${z.required}, ${z.withReason} blank with a reason); on time ${onTime}/${due}; ${overdue} cities overdue this period; ${changes} changes between revisions (${q.diffs.length} cities); ${revised} zone figures revised; findings fixed ${q.findings.fixed}, new ${q.findings.new}`,
  };
}
