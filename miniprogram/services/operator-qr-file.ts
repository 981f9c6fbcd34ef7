// Saving a QR code image (a PNG data URL from op.qrcodes) to the phone's album: WeChat saves
// files only, so the image is first written to the mini-program's user data folder.

/** The base64 payload of a PNG data URL, or undefined when it is not one. */
export function pngBase64(dataUrl: string): string | undefined {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  return m ? m[1] : undefined;
}

/** A file name from an id (ids are letters, digits and "-"; anything else is replaced). */
export function qrFileName(id: string): string {
  return `qr-${id.replace(/[^A-Za-z0-9-]/g, '_')}.png`;
}

export class QrSaveError extends Error {}

function failureText(errMsg: string): string {
  if (/cancel/.test(errMsg)) return '已取消保存';
  if (/auth|deny|denied|authorize/.test(errMsg)) return '请在设置中允许保存到相册后重试';
  return '保存失败，请重试';
}

/** Writes the image to a file and answers its path. */
export function writeQrFile(dataUrl: string, id: string): Promise<string> {
  const data = pngBase64(dataUrl);
  if (data === undefined) return Promise.reject(new QrSaveError('二维码图片有误，请刷新后重试'));
  const filePath = `${wx.env.USER_DATA_PATH}/${qrFileName(id)}`;
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({
      filePath,
      data,
      encoding: 'base64',
      success: () => resolve(filePath),
      fail: (err) => reject(new QrSaveError(failureText(err.errMsg))),
    });
  });
}

export async function saveQrToAlbum(dataUrl: string, id: string): Promise<void> {
  const filePath = await writeQrFile(dataUrl, id);
  await new Promise<void>((resolve, reject) => {
    wx.saveImageToPhotosAlbum({
      filePath,
      success: () => resolve(),
      fail: (err) => reject(new QrSaveError(failureText(err.errMsg))),
    });
  });
}

/** Full-screen view (long press there also offers saving and sharing). */
export async function previewQr(dataUrl: string, id: string): Promise<void> {
  const filePath = await writeQrFile(dataUrl, id);
  wx.previewImage({ urls: [filePath], current: filePath });
}
