/// <reference types="miniprogram-api-typings" />

interface IAppOption {
  globalData: {
    /** The transport the services layer uses: cloud in WeChat, HTTP in the browser preview. */
    transport?: 'cloud' | 'http';
  };
}
