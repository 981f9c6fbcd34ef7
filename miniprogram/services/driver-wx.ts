// The few wx APIs the driver pages use, as promises (callback style: the preview's wx shim and
// every base library version support it).

export function navigateTo(url: string): Promise<void> {
  return new Promise((resolve) => wx.navigateTo({ url, complete: () => resolve() }));
}

export function redirectTo(url: string): Promise<void> {
  return new Promise((resolve) => wx.redirectTo({ url, complete: () => resolve() }));
}

/** Back to a page as the only one on the stack (no back arrow), e.g. home after a finished flow. */
export function reLaunch(url: string): Promise<void> {
  return new Promise((resolve) => wx.reLaunch({ url, complete: () => resolve() }));
}

export function toast(title: string): void {
  wx.showToast({ title, icon: 'none', duration: 2500 });
}

/** A yes/no question; resolves true on 确定. */
export function ask(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  return new Promise((resolve) =>
    wx.showModal({
      title,
      content,
      confirmText,
      cancelText: '再想想',
      success: (res) => resolve(Boolean(res.confirm)),
      fail: () => resolve(false),
    }),
  );
}

/** What the camera read, or undefined when the driver closed the scanner. */
export function scanCode(): Promise<{ result?: string; path?: string } | undefined> {
  return new Promise((resolve) =>
    wx.scanCode({
      onlyFromCamera: false,
      success: (res) => resolve({ result: res.result, path: res.path }),
      fail: () => resolve(undefined),
    }),
  );
}
