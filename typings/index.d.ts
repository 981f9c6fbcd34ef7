/// <reference path="../node_modules/miniprogram-api-typings/index.d.ts" />

interface IAppOption {
  globalData: {
    /** The transport the services layer uses: cloud in WeChat, HTTP in the browser preview. */
    transport?: 'cloud' | 'http';
  };
}
