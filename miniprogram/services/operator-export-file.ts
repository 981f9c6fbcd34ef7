// Saving the payments CSV (op.revenue.export) for the operator's bookkeeping: WeChat handles
// files only, so the text is written to the mini-program's user data folder, then offered to a
// chat (where it opens in Excel or WPS) or, where that is not available, opened in place.

export class ExportSaveError extends Error {}

/** A file name safe for the user data folder (the server's, with anything odd replaced). */
export function exportFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe.endsWith('.csv') ? safe : `${safe}.csv`;
}

function failureText(errMsg: string): string {
  if (/cancel/.test(errMsg)) return '已取消';
  return '导出失败，请重试';
}

/** Writes the CSV (its BOM included, as UTF-8) and answers its path. */
export function writeExportFile(csv: string, name: string): Promise<string> {
  const filePath = `${wx.env.USER_DATA_PATH}/${exportFileName(name)}`;
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({
      filePath,
      data: csv,
      encoding: 'utf8',
      success: () => resolve(filePath),
      fail: (err) => reject(new ExportSaveError(failureText(err.errMsg))),
    });
  });
}

/** Offers the written file: shared to a chat when the host allows, else opened. */
export async function offerExportFile(
  filePath: string,
  name: string,
): Promise<'shared' | 'opened'> {
  if (typeof wx.shareFileMessage === 'function') {
    await new Promise<void>((resolve, reject) => {
      wx.shareFileMessage({
        filePath,
        fileName: exportFileName(name),
        success: () => resolve(),
        fail: (err) => reject(new ExportSaveError(failureText(err.errMsg))),
      });
    });
    return 'shared';
  }
  await new Promise<void>((resolve, reject) => {
    wx.openDocument({
      filePath,
      showMenu: true,
      success: () => resolve(),
      fail: (err) => reject(new ExportSaveError(failureText(err.errMsg))),
    });
  });
  return 'opened';
}

/**
 * Writes an export (the server's CSV and file name) and offers it; answers what went wrong in
 * Chinese, or undefined when it was shared or opened.
 */
export async function saveExport(
  file: { csv: string; fileName: string },
  describeError: (error: unknown) => string,
): Promise<string | undefined> {
  try {
    const path = await writeExportFile(file.csv, file.fileName);
    await offerExportFile(path, file.fileName);
    return undefined;
  } catch (error) {
    return error instanceof ExportSaveError ? error.message : describeError(error);
  }
}
