import type { Tap } from '../events';
import { operatorApi } from '../../services/operator-api';
import { GATE_KIND_TEXT } from '../../services/operator-forms';
import { QrSaveError, previewQr, saveQrToAlbum } from '../../services/operator-qr-file';
import type { QrCode } from '../../services/operator-types';
import { errorText } from '../../services/operator-view';

// The QR codes of a lot's gates and spots, to print and stick up: each can be viewed full screen
// or saved to the phone's album.
Page({
  data: {
    lotId: '',
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    lotName: '',
    codes: [] as Array<QrCode & { kindText: string }>,
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    void this.load();
  },
  async load() {
    try {
      const answer = await operatorApi.qrcodes(this.data.lotId);
      this.setData({
        status: 'ready',
        lotName: answer.lotName,
        codes: answer.codes.map((code) => ({
          ...code,
          kindText: code.gateKind ? GATE_KIND_TEXT[code.gateKind] : '泊位',
        })),
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  code(id: string) {
    return this.data.codes.find((c) => c.id === id);
  },
  async onSave(e: Tap<{ id: string }>) {
    const code = this.code(e.currentTarget.dataset.id);
    if (!code) return;
    try {
      await saveQrToAlbum(code.image, code.id);
      wx.showToast({ title: '已保存到相册', icon: 'success' });
    } catch (error) {
      const title = error instanceof QrSaveError ? error.message : '保存失败，请重试';
      wx.showToast({ title, icon: 'none' });
    }
  },
  async onPreview(e: Tap<{ id: string }>) {
    const code = this.code(e.currentTarget.dataset.id);
    if (!code) return;
    try {
      await previewQr(code.image, code.id);
    } catch (error) {
      const title = error instanceof QrSaveError ? error.message : '无法打开图片';
      wx.showToast({ title, icon: 'none' });
    }
  },
});
