// The audit log (admin/audit): one row per recorded operator action, in words.
import { STATE_INFO } from '../../../core/parking/session-states';
import type { AuditItem, SessionState } from '../operator-types';
import { timeText } from './common';

const AUDIT_ACTION_TEXT: Record<string, string> = {
  'session.finish': '结束停车',
  'session.cancel': '取消停车',
  'session.resolve': '处理异常',
  'gate.open': '开闸',
  'lot.create': '新建停车场',
  'lot.update': '修改停车场设置',
  'gate.upsert': '保存出入口',
  'gate.delete': '删除出入口',
  'spot.upsert': '保存泊位',
  'spot.delete': '删除泊位',
  'tariff.upsert': '修改收费标准',
  'operator.grant': '修改管理人员角色',
  'operator.revoke': '移除管理人员',
  'invitation.create': '发出邀请',
  'invitation.revoke': '撤销邀请',
  'invitation.accept': '接受邀请',
};

/** Upserts say whether the place was new. */
const UPSERT_TEXT: Record<string, Record<string, string>> = {
  'gate.upsert': { created: '新增出入口', updated: '修改出入口' },
  'spot.upsert': { created: '新增泊位', updated: '修改泊位' },
};

const AUDIT_OUTCOME_TEXT: Record<AuditItem['outcome'], string> = {
  applied: '已执行',
  already: '此前已完成',
  refused: '未执行',
};

/** Why an action was refused, from the code the server recorded. */
const REFUSAL_TEXT: Record<string, string> = {
  FORBIDDEN: '没有权限',
  LAST_OWNER: '停车场至少需要保留一位所有者',
  NOT_AN_OPERATOR: '对方还不是管理人员，需通过邀请加入',
  TRANSITION_NOT_ALLOWED: '当前状态不允许此操作',
  ALREADY_PAID: '已支付的停车不能取消',
  NOT_ARRIVED: '车辆尚未到达',
  NOT_PREPAID: '没有可结算的预付',
  CALL_PENDING: '有支付请求正在处理，请稍后再试',
  PLATFORM_REFUSED: '支付平台拒绝了请求',
  BUSY: '系统繁忙，请稍后再试',
  PLACE_IN_USE: '仍有车辆在使用',
  WRONG_LOT: '不属于该停车场',
  SESSION_NOT_FOUND: '停车记录不存在',
  GATE_NOT_FOUND: '道闸不存在',
};

const OUTCOME_NOTE: Record<string, string> = {
  applied: '',
  already: '此前已完成',
  pending: '等待支付平台确认',
};

/** The recorded detail in words; what has no words (ids, old notes) is left out. */
function auditDetailText(action: string, detail: unknown): string {
  if (typeof detail !== 'string' || detail === '') return '';
  const stated = /^(applied|already|pending): ([a-z_]+)$/.exec(detail);
  if (stated) {
    const state = STATE_INFO[stated[2] as SessionState]?.label;
    const note = OUTCOME_NOTE[stated[1] as string];
    return [note, state ? `状态：${state}` : ''].filter(Boolean).join('，');
  }
  if (detail in OUTCOME_NOTE) return OUTCOME_NOTE[detail] as string;
  if (/^[A-Z][A-Z_]+$/.test(detail)) return REFUSAL_TEXT[detail] ?? '操作未通过';
  void action;
  return '';
}

export interface AuditRow {
  id: string;
  at: string;
  action: string;
  outcome: string;
  refused: boolean;
  reason: string;
  who: string;
  subject: string;
  target: string;
  detail: string;
  changes: string[];
}

export function auditRow(item: AuditItem): AuditRow {
  const target = [
    item.sessionId ? `停车记录 ${item.sessionId}` : '',
    item.gateId && !item.subject ? `出入口 ${item.gateId}` : '',
  ]
    .filter((t) => t !== '')
    .join(' · ');
  const upsert = UPSERT_TEXT[item.action];
  const action =
    (upsert && typeof item.detail === 'string' ? upsert[item.detail] : undefined) ??
    AUDIT_ACTION_TEXT[item.action] ??
    '其他操作';
  return {
    id: item.id,
    at: timeText(item.at),
    action,
    outcome: AUDIT_OUTCOME_TEXT[item.outcome] ?? '',
    refused: item.outcome === 'refused',
    reason: item.reason.trim(),
    who: item.byName ?? `尾号 ${item.openid.slice(-4)}`,
    subject: item.subject ?? '',
    target,
    detail: auditDetailText(item.action, item.detail),
    changes: (item.changes ?? []).map((c) => `${c.label}：${c.from} → ${c.to}`),
  };
}
