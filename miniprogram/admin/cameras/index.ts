import type { Input, Tap } from '../events';
import { operatorApi } from '../../services/operator-api';
import { GATE_KIND_TEXT } from '../../services/operator-forms';
import { errorText, outcomeText, timeText } from '../../services/operator-view';

function confirm(content: string, confirmText = '确定'): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '请确认',
      content,
      confirmText,
      success: (res) => resolve(res.confirm),
      fail: () => resolve(false),
    });
  });
}

interface CameraRow {
  cameraId: string;
  name: string;
  serialno: string;
  gateText: string;
  online: boolean;
  stateText: string;
  heartbeatText: string;
}

// The plate cameras of a lot's entry and exit gates (issue 12). Anyone who may view the lot sees
// them with their last heartbeat; an owner registers one on a gate (the push address, holding
// its token, is shown this once: the server keeps only its hash) and removes one.
Page({
  data: {
    lotId: '',
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    isOwner: false,
    gates: [] as Array<{ id: string; text: string }>,
    cameras: [] as CameraRow[],
    gateId: '',
    serialno: '',
    name: '',
    made: undefined as { serialno: string; path: string } | undefined,
    busy: false,
    notice: '',
    actionError: '',
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    void this.load();
  },
  async load() {
    const lotId = this.data.lotId;
    try {
      const [{ role }, { gates }, { cameras }] = await Promise.all([
        operatorApi.lot(lotId),
        operatorApi.gates(lotId),
        operatorApi.cameras(lotId),
      ]);
      const lanes = gates.filter((g) => g.kind === 'entry' || g.kind === 'exit');
      const gateText = (id: string) => {
        const gate = gates.find((g) => g.id === id);
        return gate ? `${gate.name}（${GATE_KIND_TEXT[gate.kind]}）` : id;
      };
      this.setData({
        status: 'ready',
        isOwner: role === 'owner',
        gates: lanes.map((g) => ({ id: g.id, text: gateText(g.id) })),
        gateId: lanes.some((g) => g.id === this.data.gateId) ? this.data.gateId : '',
        cameras: cameras.map((c) => ({
          cameraId: c.cameraId,
          name: c.name,
          serialno: c.serialno,
          gateText: gateText(c.gateId),
          online: c.online,
          stateText: c.online ? '在线' : '离线',
          heartbeatText:
            c.lastHeartbeatAt === undefined
              ? '尚未收到心跳'
              : `最近心跳 ${timeText(c.lastHeartbeatAt)}`,
        })),
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  onPickGate(e: Tap<{ id: string }>) {
    this.setData({ gateId: e.currentTarget.dataset.id });
  },
  onInput(e: Input<{ field: 'serialno' | 'name' }>) {
    this.setData({ [e.currentTarget.dataset.field]: e.detail.value });
  },
  async onRegister() {
    const serialno = this.data.serialno.trim();
    const name = this.data.name.trim();
    if (!this.data.gateId || !serialno) {
      this.setData({ actionError: '请选择道闸并填写摄像机序列号' });
      return;
    }
    await this.act(async () => {
      const made = await operatorApi.registerCamera(
        this.data.gateId,
        serialno,
        name === '' ? undefined : name,
      );
      this.setData({ made: { serialno, path: made.path }, serialno: '', name: '' });
      const retired = made.retired > 0 ? '，该设备原有的登记已失效' : '';
      return `已登记摄像机 ${serialno}${retired}`;
    });
  },
  onCopyPath() {
    const made = this.data.made;
    if (made) wx.setClipboardData({ data: made.path });
  },
  async onRemove(e: Tap<{ id: string }>) {
    const camera = this.data.cameras.find((c) => c.cameraId === e.currentTarget.dataset.id);
    if (!camera) return;
    const asked = `移除摄像机 ${camera.name}（${camera.serialno}）？移除后它的推送将被拒绝。`;
    if (!(await confirm(asked, '移除'))) return;
    await this.act(async () => {
      const result = await operatorApi.removeCamera(camera.cameraId);
      return `移除摄像机 ${camera.serialno}：${outcomeText(result.outcome)}`;
    });
  },
  async act(run: () => Promise<string>) {
    if (this.data.busy) return;
    this.setData({ busy: true, notice: '', actionError: '' });
    try {
      const notice = await run();
      this.setData({ notice });
      await this.load();
    } catch (error) {
      this.setData({ actionError: errorText(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
