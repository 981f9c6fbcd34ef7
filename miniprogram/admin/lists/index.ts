import type { ReasonConfirmDetail } from '../components/reason-dialog/index';
import { ApiCallError } from '../../services/api-result';
import { errorText } from '../../services/operator-view';
import { passAdminApi } from '../../services/pass-api';
import type { ImportError, ListEntry, ListKind } from '../../services/pass-types';
import { importErrorText } from '../../services/pass-view';

type Pending = { action: 'add' } | { action: 'import' } | { action: 'remove'; plate: string };

const KIND_TEXT: Record<ListKind, string> = { white: '白名单', black: '黑名单' };

// White and black lists of a lot: search, add, remove and import from CSV, each with a reason.
Page({
  data: {
    lotId: '',
    kind: 'white' as ListKind,
    kinds: [
      { kind: 'white', text: '白名单（免费）' },
      { kind: 'black', text: '黑名单（禁止入场）' },
    ],
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    notice: '',
    actionError: '',
    importErrors: [] as string[],
    entries: [] as Array<ListEntry & { note: string }>,
    total: 0,
    search: '',
    plate: '',
    entryReason: '',
    csv: '',
    busy: false,
    dialogShow: false,
    dialogTitle: '',
    pending: undefined as Pending | undefined,
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    void this.load();
  },
  async load() {
    try {
      const page = await passAdminApi.list(this.data.lotId, this.data.kind, this.data.search);
      this.setData({
        status: 'ready',
        total: page.total,
        entries: page.entries.map((e) => ({ ...e, note: e.reason })),
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  onPickKind(e: { currentTarget: { dataset: { kind?: ListKind } } }) {
    this.setData({ kind: e.currentTarget.dataset.kind ?? 'white', notice: '', importErrors: [] });
    void this.load();
  },
  onSearch(e: { detail: { value: string } }) {
    this.setData({ search: e.detail.value.trim() });
    void this.load();
  },
  onPlate(e: { detail: { value: string } }) {
    this.setData({ plate: e.detail.value });
  },
  onEntryReason(e: { detail: { value: string } }) {
    this.setData({ entryReason: e.detail.value });
  },
  onCsv(e: { detail: { value: string } }) {
    this.setData({ csv: e.detail.value });
  },
  onAdd() {
    if (!this.data.plate.trim() || !this.data.entryReason.trim()) {
      this.setData({ actionError: '请填写车牌和原因（原因会显示在道闸屏上）' });
      return;
    }
    // The typed reason is the entry's own (shown on the LED) and the audit's: no dialog.
    void this.perform({ action: 'add' }, this.data.entryReason.trim().slice(0, 50));
  },
  onImport() {
    if (!this.data.csv.trim()) {
      this.setData({ actionError: '请粘贴 CSV：每行一个车牌，可加原因和有效期' });
      return;
    }
    this.ask({ action: 'import' }, `导入${KIND_TEXT[this.data.kind]}`);
  },
  onRemove(e: { currentTarget: { dataset: { plate?: string } } }) {
    const plate = e.currentTarget.dataset.plate ?? '';
    this.ask({ action: 'remove', plate }, `将 ${plate} 移出${KIND_TEXT[this.data.kind]}`);
  },
  ask(pending: Pending, title: string) {
    this.setData({
      pending,
      dialogTitle: title,
      dialogShow: true,
      actionError: '',
      importErrors: [],
    });
  },
  onDialogCancel() {
    this.setData({ dialogShow: false, pending: undefined });
  },
  onDialogConfirm(e: WechatMiniprogram.CustomEvent<ReasonConfirmDetail>) {
    const pending = this.data.pending;
    if (pending) void this.perform(pending, e.detail.reason);
  },
  async perform(pending: Pending, reason: string) {
    if (this.data.busy) return;
    const { lotId, kind } = this.data;
    this.setData({ busy: true });
    try {
      if (pending.action === 'add') {
        await passAdminApi.add(lotId, kind, this.data.plate.trim(), reason);
        this.setData({ notice: `已加入${KIND_TEXT[kind]}`, plate: '', entryReason: '' });
      } else if (pending.action === 'import') {
        const result = await passAdminApi.import(lotId, kind, this.data.csv, reason.slice(0, 50));
        this.setData({ notice: `已导入 ${result.imported} 个车牌`, csv: '' });
      } else {
        await passAdminApi.remove(lotId, kind, pending.plate, reason);
        this.setData({ notice: `已移出 ${pending.plate}` });
      }
      this.setData({ dialogShow: false, pending: undefined });
      await this.load();
    } catch (error) {
      const details =
        error instanceof ApiCallError && error.code === 'IMPORT_INVALID'
          ? (error.details as ImportError[]).map(importErrorText)
          : [];
      this.setData({
        dialogShow: false,
        pending: undefined,
        actionError: errorText(error),
        importErrors: details,
      });
    } finally {
      this.setData({ busy: false });
    }
  },
});
