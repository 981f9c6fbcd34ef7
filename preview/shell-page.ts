import type { PreviewConfig } from './config';

/**
 * The preview page: a toolbar (who is using the phone, which page) and a phone-sized frame. The
 * mini-program's pages are laid out 750 px wide, as simulate maps rpx 1:1 to px (toolchain
 * notes), and shown at zoom 0.5 so that a 750-rpx page fills the 375-px-wide screen as on a phone.
 */

const STYLE = `
  * { -webkit-tap-highlight-color: transparent; }
  body { margin: 0; background: #e8e9ec; color: #1f1f1f;
    font-family: -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif; }
  .pv-toolbar { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: center; justify-content: center;
    padding: 10px 16px; background: #fff; border-bottom: 1px solid #dcdcdc; font-size: 14px; }
  .pv-toolbar label { display: flex; gap: 6px; align-items: center; }
  .pv-toolbar select { font: inherit; padding: 3px 6px; }
  .pv-toolbar__openid { color: #8b8b8b; font-family: ui-monospace, monospace; font-size: 12px; }
  .pv-toolbar__brand { font-weight: 600; }
  .pv-stage { display: flex; flex-wrap: wrap; gap: 24px; justify-content: center; align-items: flex-start; padding: 20px 0 32px; }
  .pv-lane { width: 300px; box-sizing: border-box; padding: 16px; background: #fff; border-radius: 12px;
    box-shadow: 0 2px 10px rgba(0,0,0,.08); font-size: 14px; }
  .pv-lane[hidden] { display: none; }
  .pv-lane h2 { margin: 0 0 4px; font-size: 17px; }
  .pv-lane__hint { margin: 0 0 12px; color: #5e5e5e; font-size: 12px; }
  .pv-lane label { display: block; margin-bottom: 10px; }
  .pv-lane select, .pv-lane input[type=text] { display: block; width: 100%; box-sizing: border-box; margin-top: 4px;
    font: inherit; padding: 6px 8px; border: 1px solid #dcdcdc; border-radius: 6px; }
  .pv-lane__noplate { display: flex !important; gap: 6px; align-items: center; }
  .pv-lane__actions { display: flex; gap: 8px; margin: 12px 0; }
  .pv-lane__actions button { flex: 1; font: inherit; padding: 8px; border: 0; border-radius: 6px; cursor: pointer;
    background: #0052d9; color: #fff; }
  .pv-lane__actions button:disabled { background: #9bb7ee; cursor: default; }
  .pv-lane__barrier { padding: 10px; border-radius: 8px; background: #f3f3f3; color: #1f1f1f; min-height: 20px; }
  .pv-lane__barrier[data-opened="true"] { background: #e3f9e9; color: #006c28; }
  .pv-lane__barrier[data-opened="false"] { background: #fff0ed; color: #ab2f20; }
  .pv-lane__log { margin: 8px 0 0; max-height: 180px; overflow: auto; font-size: 11px; color: #5e5e5e;
    white-space: pre-wrap; word-break: break-all; font-family: ui-monospace, monospace; }
  .pv-tray { width: 300px; box-sizing: border-box; padding: 16px; background: #fff; border-radius: 12px;
    box-shadow: 0 2px 10px rgba(0,0,0,.08); font-size: 14px; }
  .pv-tray[hidden] { display: none; }
  .pv-tray h2 { margin: 0 0 4px; font-size: 17px; display: flex; align-items: center; gap: 8px; }
  .pv-tray__count { min-width: 18px; padding: 0 6px; border-radius: 9px; background: #fa5151; color: #fff;
    font-size: 12px; line-height: 18px; text-align: center; }
  .pv-tray__hint { margin: 0 0 12px; color: #5e5e5e; font-size: 12px; }
  .pv-tray__list { display: flex; flex-direction: column; gap: 10px; max-height: 600px; overflow: auto; }
  .pv-tray__empty { margin: 0; color: #8b8b8b; font-size: 13px; }
  .pv-tray__card { padding: 12px; border-radius: 8px; background: #f7f7f7; }
  .pv-tray__card[data-status="refused"] { background: #fafafa; color: #8b8b8b; }
  .pv-tray__head { display: flex; justify-content: space-between; color: #8b8b8b; font-size: 12px; }
  .pv-tray__title { margin: 6px 0 8px; font-size: 16px; font-weight: 600; }
  .pv-tray__rows { margin: 0; }
  .pv-tray__row { display: flex; gap: 10px; margin: 4px 0; font-size: 13px; }
  .pv-tray__label { flex: none; width: 64px; margin: 0; color: #8b8b8b; }
  .pv-tray__value { margin: 0; word-break: break-all; }
  .pv-tray__open { display: block; width: 100%; margin-top: 10px; padding: 8px 0 0; border: 0;
    border-top: 1px solid #e7e7e7; background: none; font: inherit; font-size: 13px; color: #576b95;
    text-align: left; cursor: pointer; }
  .pv-tray__refused { margin-top: 8px; font-size: 12px; color: #ab2f20; }
  .pv-subscribe__item { display: flex; gap: 10px; align-items: center; padding: 14px 16px; background: #fff;
    border-top: 1px solid #eee; font-size: 15px; }
  .pv-subscribe__check { width: 18px; height: 18px; margin: 0; accent-color: #07c160; }
  .pv-subscribe__keep { display: flex; gap: 8px; align-items: center; padding: 10px 16px 0; background: #fff;
    font-size: 13px; color: #8b8b8b; }
  .pv-subscribe__actions { display: flex; gap: 12px; padding: 16px; background: #fff; }
  .pv-subscribe__actions button { flex: 1; height: 40px; border: 0; border-radius: 6px; font: inherit;
    font-size: 16px; font-weight: 600; cursor: pointer; }
  .pv-subscribe__cancel { background: #f2f2f2; color: #06ae56; }
  .pv-subscribe__allow { background: #07c160; color: #fff; }
  .pv-phone { padding: 14px; border-radius: 44px; background: #1f1f1f; box-shadow: 0 10px 30px rgba(0,0,0,.25); }
  .pv-screen { position: relative; width: 375px; height: 667px; overflow: hidden; border-radius: 30px;
    background: #fff; display: flex; flex-direction: column; }
  .pv-status { height: 20px; flex: none; display: flex; justify-content: space-between; align-items: center;
    padding: 0 16px; font-size: 12px; font-weight: 600; }
  .pv-nav { position: relative; height: 44px; flex: none; display: flex; align-items: center; justify-content: center; color: #000; }
  .pv-nav--white { color: #fff; }
  .pv-nav__title { font-size: 17px; font-weight: 600; max-width: 170px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
  .pv-nav__back { position: absolute; left: 4px; top: 0; height: 44px; min-width: 44px; border: 0; background: none;
    color: inherit; font-size: 28px; line-height: 44px; padding: 0 8px; cursor: pointer; }
  .pv-nav__back[hidden] { display: none; }
  .pv-nav__capsule { position: absolute; right: 7px; top: 6px; width: 87px; height: 32px; box-sizing: border-box;
    border: 1px solid rgba(0,0,0,.12); border-radius: 16px; background: rgba(255,255,255,.6);
    display: flex; align-items: center; justify-content: space-around; font-size: 14px; color: #000; }
  .pv-viewport { position: relative; flex: 1; overflow: hidden; }
  /* One page: laid out at 750 px (1 rpx = 1 px), zoomed to the 375-px screen. transform makes it the
     containing block of position: fixed, as the page's own window is in WeChat. */
  .pv-page { position: absolute; left: 0; top: 0; width: 750px; height: 1206px; zoom: 0.5;
    transform: translateZ(0); background: #fff; }
  .pv-page[hidden] { display: none; }
  .pv-page__scroll { height: 100%; overflow-y: auto; overflow-x: hidden; }
  .pv-page page { display: block; min-height: 100%; font-size: 32px; line-height: 1.4; }
  wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-form, wx-cover-view, wx-movable-area, wx-rich-text { display: block; }
  wx-scroll-view { overflow: auto; }
  /* Built-ins at WeChat's sizes, doubled for the 750-px layout (preview/client/builtins.ts). */
  wx-button { display: block; position: relative; width: 368px; margin: 0 auto; padding: 24px 48px; box-sizing: border-box;
    font-size: 34px; line-height: 1.41; font-weight: 700; text-align: center; border-radius: 16px;
    background: #f2f2f2; color: #06ae56; }
  /* WeChat's hairline border of a button, which TDesign's buttons restyle (outline variants). */
  wx-button::after { content: ' '; position: absolute; top: 0; left: 0; width: 200%; height: 200%;
    border: 2px solid rgba(0,0,0,.2); border-radius: 32px; transform: scale(.5); transform-origin: 0 0;
    box-sizing: border-box; pointer-events: none; }
  wx-button[data-type="primary"] { background: #07c160; color: #fff; }
  wx-button[data-type="warn"] { color: #fa5151; }
  wx-button[data-size="mini"] { display: inline-block; width: auto; padding: 0 24px; font-size: 26px; line-height: 2.3; }
  wx-button[data-plain] { background: transparent; border: 2px solid currentColor; }
  wx-button[data-disabled] { color: rgba(0,0,0,.18); background: #fafafa; }
  wx-button[data-disabled][data-type="primary"] { color: rgba(255,255,255,.6); background: #9ed99d; }
  wx-button[data-loading]::before { content: ''; display: inline-block; width: 30px; height: 30px; margin-right: 12px;
    vertical-align: -4px; border: 4px solid currentColor; border-top-color: transparent; border-radius: 50%;
    animation: pv-spin .8s linear infinite; }
  wx-input, wx-textarea { display: block; }
  wx-input { height: 1.4em; min-height: 1.4em; overflow: hidden; }
  wx-textarea { width: 600px; height: 300px; }
  .pv-field { display: block; width: 100%; height: 100%; box-sizing: border-box; margin: 0; padding: 0; border: 0;
    outline: none; background: transparent; font: inherit; color: inherit; text-align: inherit; resize: none; }
  wx-picker { display: block; }
  wx-switch { display: inline-block; }
  .pv-switch { appearance: none; width: 104px; height: 64px; margin: 0; border-radius: 32px; background: #dfdfdf;
    position: relative; transition: background .2s; vertical-align: middle; }
  .pv-switch::after { content: ''; position: absolute; top: 4px; left: 4px; width: 56px; height: 56px; border-radius: 50%;
    background: #fff; box-shadow: 0 2px 6px rgba(0,0,0,.3); transition: left .2s; }
  .pv-switch:checked { background: #04be02; }
  .pv-switch:checked::after { left: 44px; }
  .pv-checkbox { width: 44px; height: 44px; margin: 0; vertical-align: middle; }
  .pv-sheet__item--current { color: #07c160; font-weight: 600; }
  wx-image { display: inline-block; width: 640px; height: 480px; overflow: hidden; }
  wx-image[data-mode="widthFix"] { height: auto; }
  wx-image[data-mode="heightFix"] { width: auto; }
  .pv-image { display: block; width: 100%; height: 100%; }
  wx-image[data-mode="widthFix"] .pv-image { height: auto; }
  wx-image[data-mode="heightFix"] .pv-image { width: auto; }
  .pv-error { margin: 24px; padding: 24px; white-space: pre-wrap; font-size: 26px; color: #d54941;
    background: #fff1f0; border-radius: 8px; }
  .pv-event-log { position: absolute; left: 0; right: 0; bottom: 0; padding: 16px 24px; font-size: 22px;
    color: #5e5e5e; background: #f7f8fa; border-top: 1px solid #e7e7e7; font-family: ui-monospace, monospace; }
  .pv-event-log:empty { display: none; }
  .pv-overlays { position: absolute; inset: 0; pointer-events: none; z-index: 10; }
  .pv-overlays > * { pointer-events: auto; }
  .pv-mask { position: absolute; inset: 0; background: rgba(0,0,0,.5); display: flex; align-items: center; justify-content: center; }
  .pv-mask--clear { background: transparent; }
  .pv-toast { position: absolute; left: 50%; top: 45%; transform: translate(-50%, -50%); min-width: 120px; max-width: 220px;
    padding: 16px; box-sizing: border-box; border-radius: 8px; background: rgba(0,0,0,.75); color: #fff;
    text-align: center; font-size: 15px; pointer-events: none; }
  .pv-toast--text { min-width: 0; padding: 10px 16px; }
  .pv-toast__icon { font-size: 34px; line-height: 1.2; }
  .pv-spinner { width: 30px; height: 30px; margin: 4px auto 8px; border: 3px solid rgba(255,255,255,.3);
    border-top-color: #fff; border-radius: 50%; animation: pv-spin .8s linear infinite; }
  @keyframes pv-spin { to { transform: rotate(360deg); } }
  .pv-modal { width: 300px; border-radius: 12px; background: #fff; overflow: hidden; text-align: center; }
  .pv-modal__title { padding: 24px 20px 8px; font-size: 17px; font-weight: 600; }
  .pv-modal__content { padding: 8px 20px 24px; font-size: 15px; color: #5e5e5e; white-space: pre-wrap; }
  .pv-modal__input { display: block; width: calc(100% - 40px); margin: 8px 20px 20px; font: inherit; font-size: 15px;
    padding: 8px; box-sizing: border-box; border: 1px solid #dcdcdc; border-radius: 6px; }
  .pv-modal__actions { display: flex; border-top: 1px solid #e7e7e7; }
  .pv-modal__button { flex: 1; height: 50px; border: 0; background: none; font: inherit; font-size: 17px; cursor: pointer; }
  .pv-modal__button + .pv-modal__button { border-left: 1px solid #e7e7e7; }
  .pv-modal__button--primary { color: #576b95; font-weight: 600; }
  .pv-sheet { position: absolute; left: 0; right: 0; bottom: 0; background: #f7f7f7; border-radius: 12px 12px 0 0;
    overflow: hidden; max-height: 85%; overflow-y: auto; }
  .pv-sheet__title { padding: 16px; text-align: center; font-weight: 600; background: #fff; }
  .pv-sheet__hint { padding: 0 16px 12px; text-align: center; font-size: 13px; color: #8b8b8b; background: #fff; }
  .pv-sheet__item { display: block; width: 100%; height: 52px; border: 0; border-top: 1px solid #eee; background: #fff;
    font: inherit; font-size: 16px; cursor: pointer; }
  .pv-sheet__cancel { margin-top: 8px; border-top: 0; }
  .pv-scan__row { display: flex; gap: 8px; padding: 12px 16px; background: #fff; border-top: 1px solid #eee; }
  .pv-scan__input { flex: 1; font: inherit; padding: 8px; border: 1px solid #dcdcdc; border-radius: 6px; }
  .pv-scan__submit { font: inherit; padding: 0 16px; border: 0; border-radius: 6px; background: #07c160; color: #fff; }
  .pv-cashier { position: absolute; left: 0; right: 0; bottom: 0; height: 88%; background: #fff;
    border-radius: 12px 12px 0 0; display: flex; flex-direction: column; overflow: hidden; }
  .pv-cashier__head { height: 44px; flex: none; display: flex; align-items: center; justify-content: center;
    position: relative; font-weight: 600; border-bottom: 1px solid #eee; }
  .pv-cashier__close { position: absolute; right: 6px; top: 4px; width: 36px; height: 36px; border: 0; background: none;
    font-size: 26px; cursor: pointer; }
  .pv-cashier__frame { flex: 1; border: 0; width: 100%; }
`;

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, ' ');
}

export function renderShellPage(config: PreviewConfig): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>小程序预览</title>
<style>${STYLE}</style>
</head>
<body>
<header class="pv-toolbar">
  <span class="pv-toolbar__brand">通联停车 · 小程序预览</span>
  <label>身份 <select id="pv-identity" aria-label="身份"></select></label>
  <span id="pv-openid" class="pv-toolbar__openid"></span>
  <label>页面 <select id="pv-pages" aria-label="页面"></select></label>
</header>
<main class="pv-stage">
  <div class="pv-phone">
    <div class="pv-screen" id="pv-screen">
      <div class="pv-status"><span>9:41</span><span>100%</span></div>
      <div class="pv-nav" id="pv-nav">
        <button class="pv-nav__back" id="pv-back" aria-label="返回" hidden>‹</button>
        <span class="pv-nav__title" id="pv-title"></span>
        <span class="pv-nav__capsule" aria-hidden="true"><span>···</span><span>◎</span></span>
      </div>
      <div class="pv-viewport" id="pv-viewport"></div>
      <div class="pv-overlays" id="pv-overlays"></div>
    </div>
  </div>
  <section class="pv-tray" id="pv-tray" aria-label="服务通知" hidden>
    <h2>服务通知 <span class="pv-tray__count" id="pv-tray-count">0</span></h2>
    <p class="pv-tray__hint">云函数经 cloud.openapi 发给当前微信用户的订阅消息（本地模拟器记录；时间为北京时间）。</p>
    <div class="pv-tray__list" id="pv-tray-list"></div>
  </section>
  <section class="pv-lane" id="pv-lane" aria-label="车道" hidden>
    <h2>车道</h2>
    <p class="pv-lane__hint">扮演停车场的车牌识别相机与道闸：车辆驶入或驶出所选道闸，由道闸控制器签名上报，或由摄像机推送识别结果与心跳。</p>
    <label>停车场 <select id="pv-lane-lot"></select></label>
    <label>道闸 <select id="pv-lane-gate"></select></label>
    <label>接入方式 <select id="pv-lane-via"><option value="gate">道闸控制器（/gate 签名上报）</option><option value="camera">车牌识别摄像机（/camera 推送）</option></select></label>
    <label>车牌 <input type="text" id="pv-lane-plate" value="粤B12345" maxlength="16" autocomplete="off"></label>
    <label class="pv-lane__noplate"><input type="checkbox" id="pv-lane-noplate"> 无牌车（相机识别不到车牌）</label>
    <div class="pv-lane__actions">
      <button type="button" id="pv-lane-in">驶入</button>
      <button type="button" id="pv-lane-out">驶出</button>
      <button type="button" id="pv-lane-beat" hidden>心跳</button>
    </div>
    <div class="pv-lane__barrier" id="pv-lane-result" role="status" aria-live="polite"></div>
    <pre class="pv-lane__log" id="pv-lane-log"></pre>
  </section>
</main>
<script>window.__PREVIEW_CONFIG__ = ${scriptJson(config)};</script>
<script src="/preview/simulate.js"></script>
<script src="/preview/sources.js"></script>
<script src="/preview/runtime.js"></script>
</body></html>`;
}

/** The script that hands the mini-program's sources to simulate and the runtime. */
export function renderSourcesScript(sources: {
  files: Record<string, string>;
  modules: Record<string, unknown>;
  app: unknown;
  pages: string[];
  components: string[];
  errors: Record<string, string>;
}): string {
  const { files, modules, ...rest } = sources;
  return [
    `window.__FILE_MAP__ = ${scriptJson(files)};`,
    `window.__PV_MODULES__ = ${scriptJson(modules)};`,
    `window.__PREVIEW_SOURCES__ = ${scriptJson(rest)};`,
    '',
  ].join('\n');
}
