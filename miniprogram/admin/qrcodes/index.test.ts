import { all, one, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { attrOf, settle, texts } from '../testing/ui';

// Pages load in an isolated module registry (test-support/render.ts): share the one real
// transport module with them, so that the fake installed here is the one their services call.
jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/qrcodes/index';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

const CODES = {
  lotId: 'L1',
  lotName: '科技园停车场',
  mode: 'local',
  codes: [
    {
      kind: 'gate',
      id: 'G-IN',
      name: '南入口',
      gateKind: 'entry',
      scene: 'g:G-IN',
      url: 'https://parking.example.com/p?scene=g%3AG-IN',
      image: PNG,
    },
    {
      kind: 'gate',
      id: 'G-OUT',
      name: '南出口',
      gateKind: 'exit',
      scene: 'g:G-OUT',
      url: 'https://parking.example.com/p?scene=g%3AG-OUT',
      image: PNG,
    },
  ],
};

type Callbacks = { success?: (res: object) => void; fail?: (err: { errMsg: string }) => void };

function fakeFiles(saveFails?: string) {
  const writeFile = jest.fn((options: Callbacks & Record<string, unknown>) =>
    options.success?.({}),
  );
  const files = jest
    .spyOn(wx, 'getFileSystemManager')
    .mockReturnValue({ writeFile } as unknown as WechatMiniprogram.FileSystemManager);
  const save = jest.spyOn(wx, 'saveImageToPhotosAlbum').mockImplementation(((
    options: Callbacks,
  ) => {
    if (saveFails) options.fail?.({ errMsg: saveFails });
    else options.success?.({});
  }) as never);
  const toast = jest.spyOn(wx, 'showToast');
  const preview = jest.spyOn(wx, 'previewImage');
  return {
    writeFile,
    save,
    toast,
    preview,
    restore: () => [files, save, toast, preview].forEach((spy) => spy.mockRestore()),
  };
}

describe('operator QR codes', () => {
  test('shows each gate with its code image and printed URL', async () => {
    const api = fakeApi({ 'op.qrcodes': ok(CODES) });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(api.sent('op.qrcodes')).toEqual([{ lotId: 'L1' }]);
    expect(texts(page, '.admin-qr__name')).toEqual(['南入口', '南出口']);
    expect(texts(page, '.admin-qr__kind')).toEqual(['入口', '出口']);
    expect(all(page, '.admin-qr__image')).toHaveLength(2);
    expect(attrOf(all(page, '.admin-qr__image')[0] as never, 'src')).toBe(PNG);
    expect(texts(page, '.admin-qr__url')[1]).toBe('https://parking.example.com/p?scene=g%3AG-OUT');
  });

  test('saving writes the PNG to a file, then to the album', async () => {
    fakeApi({ 'op.qrcodes': ok(CODES) });
    const wxFake = fakeFiles();
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(all(page, '.admin-qr__save')[1] as never);
    await settle();
    expect(wxFake.writeFile).toHaveBeenCalledWith(
      expect.objectContaining({
        filePath: `${wx.env.USER_DATA_PATH}/qr-G-OUT.png`,
        data: 'iVBORw0KGgo=',
        encoding: 'base64',
      }),
    );
    expect(wxFake.save).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: `${wx.env.USER_DATA_PATH}/qr-G-OUT.png` }),
    );
    expect(wxFake.toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存到相册' }));
    wxFake.restore();
  });

  test('a refused album permission says what to do', async () => {
    fakeApi({ 'op.qrcodes': ok(CODES) });
    const wxFake = fakeFiles('saveImageToPhotosAlbum:fail auth deny');
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(all(page, '.admin-qr__save')[0] as never);
    await settle();
    expect(wxFake.toast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '请在设置中允许保存到相册后重试', icon: 'none' }),
    );
    wxFake.restore();
  });

  test('the large view opens the written file', async () => {
    fakeApi({ 'op.qrcodes': ok(CODES) });
    const wxFake = fakeFiles();
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await tap(all(page, '.admin-qr__preview')[0] as never);
    await settle();
    const path = `${wx.env.USER_DATA_PATH}/qr-G-IN.png`;
    expect(wxFake.preview).toHaveBeenCalledWith(
      expect.objectContaining({ urls: [path], current: path }),
    );
    wxFake.restore();
  });

  test('an operator who is not the owner sees the refusal', async () => {
    fakeApi({ 'op.qrcodes': refused('FORBIDDEN', '只有业主可以管理出入口和泊位') });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(textOf(one(page, '.admin-qr__error'))).toBe('只有业主可以管理出入口和泊位');
  });
});
