/**
 * The file and image APIs the operator's QR codes use (services/operator-qr-file.ts), as the
 * preview provides them: files written under `wx.env.USER_DATA_PATH` are kept in memory as data
 * URLs; wx.previewImage shows one full screen over the phone (tap to close); saving to the album
 * downloads the image. Added by "operator" (issue 11 Deliver 4) to make 查看大图 work here.
 */
export const USER_DATA_PATH = 'wxfile://usr';

type Callbacks = { success?: (res: object) => void; fail?: (err: { errMsg: string }) => void };

export function createImageFiles(layer: () => HTMLElement | null) {
  const files = new Map<string, string>();
  const urlOf = (path: string) => files.get(path) ?? path;

  const writeFile = (a: { filePath: string; data: string; encoding?: string } & Callbacks) => {
    if (!a.filePath.startsWith(`${USER_DATA_PATH}/`)) {
      a.fail?.({ errMsg: 'writeFile:fail permission denied' });
      return;
    }
    const type = /\.png$/i.test(a.filePath) ? 'image/png' : 'application/octet-stream';
    files.set(a.filePath, a.encoding === 'base64' ? `data:${type};base64,${a.data}` : a.data);
    a.success?.({ errMsg: 'writeFile:ok' });
  };

  const previewImage = (a: { urls: string[]; current?: string } & Callbacks) => {
    const src = urlOf(a.current ?? a.urls[0] ?? '');
    const host = layer();
    if (!host || !src) {
      a.fail?.({ errMsg: 'previewImage:fail no image' });
      return;
    }
    const mask = document.createElement('div');
    mask.className = 'pv-mask pv-image-preview';
    mask.setAttribute('role', 'dialog');
    mask.setAttribute('aria-label', '查看图片，点击关闭');
    mask.style.background = '#000';
    const img = document.createElement('img');
    img.src = src;
    img.alt = '大图';
    img.style.maxWidth = '100%';
    img.style.maxHeight = '100%';
    mask.appendChild(img);
    mask.addEventListener('click', () => mask.remove());
    host.appendChild(mask);
    a.success?.({ errMsg: 'previewImage:ok' });
  };

  const saveImageToPhotosAlbum = (a: { filePath: string } & Callbacks) => {
    const link = document.createElement('a');
    link.href = urlOf(a.filePath);
    link.download = a.filePath.split('/').pop() ?? 'image.png';
    link.click();
    a.success?.({ errMsg: 'saveImageToPhotosAlbum:ok' });
  };

  return {
    env: { USER_DATA_PATH },
    getFileSystemManager: () => ({ writeFile }),
    previewImage,
    saveImageToPhotosAlbum,
  };
}
